package dev.burnj.bench.workload;

import dev.burnj.random.Generator;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * W4: fp32 {@code [1024, 1024] · [1024, 1024]}, best of 10 products per run, in GFLOP/s ({@code 2·1024³} flops per
 * product). burnj's matmul returns a new tensor; the backend's pool hands back the previous product's buffer, which
 * is what PyTorch's preallocated {@code out=} saves.
 */
final class Gemm implements Workload {
    private static final int N = 1024;
    private static final int PRODUCTS = 10;

    @Override
    public String id() {
        return "W4";
    }

    @Override
    public String title() {
        return "GEMM fp32 1024x1024x1024";
    }

    @Override
    public String unit() {
        return "GFLOP/s";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public List<Measurement> run(WorkloadContext context, int warmUps, int runs) {
        TensorOptions options = TensorOptions.on(context.device()).withGenerator(Generator.of(context.seed()));
        try (Tensor2 a = Tensor2.randn(Shape.of(N, N), options); Tensor2 b = Tensor2.randn(Shape.of(N, N), options)) {
            for (int i = 0; i < warmUps; i++) {
                bestOf(a, b, 2);
            }
            List<Measurement> out = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                out.add(Measurement.of(2.0 * N * N * N / bestOf(a, b, PRODUCTS) / 1e9));
            }
            return out;
        }
    }

    /** The fastest of {@code n} products, in seconds; each waits until the backend has finished it. */
    private static double bestOf(Tensor2 a, Tensor2 b, int n) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try (Tensor2 c = a.matmul(b)) {
                c.device().backend().sync(c.device());
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}
