package dev.burnj.bench.workload;

import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.List;

/**
 * W5: the fixed cost of an op. A 16-float tensor with gradient tracking goes through a chain of 1 000 steps — step
 * {@code i} is {@code tanh(h)} when {@code i % 10 == 9}, else {@code h * 1.0001 + 0.0001} — then {@code sum()} and
 * backward through all of it; the value is microseconds per step, forward and backward together.
 */
final class SmallOps implements Workload {
    private static final int STEPS = 1000;
    private static final int WARM_UP_CHAINS = 200;

    @Override
    public String id() {
        return "W5";
    }

    @Override
    public String title() {
        return "small-op overhead (16 floats, autodiff)";
    }

    @Override
    public String unit() {
        return "us/step";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public List<Measurement> run(WorkloadContext context, int warmUps, int runs) {
        Device device = context.device().autodiff();
        try (Tensor1 values = Tensor1.randn(Shape.of(16), TensorOptions.on(device).withGenerator(Generator.of(context.seed())));
                Tensor1 x = values.requireGrad()) {
            // The JIT needs many chains before the per-op path is compiled; a warm-up here is chains, not runs.
            return TimedRuns.of(warmUps * WARM_UP_CHAINS, () -> chain(x, STEPS), runs, () -> chain(x, STEPS), nanos -> nanos / 1e3 / STEPS);
        }
    }

    private static void chain(Tensor1 x, int steps) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 h = x;
            for (int i = 0; i < steps; i++) {
                h = i % 10 == 9 ? h.tanh() : h.mul(1.0001).add(0.0001);
            }
            try (Grads grads = h.sum().backward()) {
                grads.get(x).toFloatArray();
            }
        }
    }
}
