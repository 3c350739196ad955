package dev.burnj.conformance.api;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.random.Generator;

/**
 * A small MLP (16 → 32 → 4, tanh and ReLU, cross-entropy) trained by a hand-written SGD step inside a
 * {@link TensorScope} per step: the workload of the memory tests. Written against the public tensor API only,
 * as a user would write it.
 */
public final class MlpTrainingLoop implements AutoCloseable {
    private static final int IN = 16;
    private static final int HIDDEN = 32;
    private static final int OUT = 4;
    private static final int BATCH = 8;

    private final Tensor2 input;
    private final Tensor2 target;
    private Tensor2 w1;
    private Tensor2 w2;
    private double lastLoss = Double.NaN;

    public MlpTrainingLoop(Device device) {
        TensorOptions options = TensorOptions.on(device).withGenerator(Generator.of(42));
        try (TensorScope scope = TensorScope.open()) {
            input = scope.keep(Tensor2.randn(Shape.of(BATCH, IN), options));
            target = scope.keep(Tensor2.randn(Shape.of(BATCH, OUT), options).softmax(1).detach());
            w1 = scope.keep(Tensor2.randn(Shape.of(IN, HIDDEN), options).mul(0.25).requireGrad());
            w2 = scope.keep(Tensor2.randn(Shape.of(HIDDEN, OUT), options).mul(0.25).requireGrad());
        }
    }

    /** One forward + backward + SGD update; every temporary is freed before it returns. */
    public void step(double learningRate) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 hidden = input.matmul(w1).tanh().relu();
            Tensor2 logProbs = hidden.matmul(w2).logSoftmax(1);
            var loss = logProbs.mul(target).sum().neg().div(BATCH);
            lastLoss = loss.item();
            try (Grads grads = loss.backward()) {
                Tensor2 next1 = w1.detach().sub(grads.get(w1).mul(learningRate)).requireGrad();
                Tensor2 next2 = w2.detach().sub(grads.get(w2).mul(learningRate)).requireGrad();
                w1.close();
                w2.close();
                w1 = scope.keep(next1);
                w2 = scope.keep(next2);
            }
        }
    }

    /** The loss of the last step. */
    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        input.close();
        target.close();
        w1.close();
        w2.close();
    }
}
