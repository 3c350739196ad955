package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Prints GEMM throughput and tiny-op latency on the device (nothing is asserted about time: the machines are
 * shared); asserts only that the timed results are right. Numbers for docs/design/vulkan.md come from here.
 */
class PerformanceReportTest extends VulkanTestSupport {
    @Test
    void gemmThroughput() {
        for (int n : new int[] {256, 512, 1024}) {
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            SplittableRandom r = new SplittableRandom(n);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble(-1, 1);
                b[i] = (float) r.nextDouble(-1, 1);
            }
            TensorPrimitive ta = B.fromData(TensorData.of(a, Shape.of(n, n)), B.defaultDevice());
            TensorPrimitive tb = B.fromData(TensorData.of(b, Shape.of(n, n)), B.defaultDevice());
            TensorPrimitive warm = B.matmul(ta, tb);
            B.sync(B.defaultDevice());
            warm.release();
            int reps = n >= 1024 ? 2 : 5;
            long start = System.nanoTime();
            TensorPrimitive c = null;
            for (int i = 0; i < reps; i++) {
                if (c != null) {
                    c.release();
                }
                c = B.matmul(ta, tb);
            }
            B.sync(B.defaultDevice());
            double seconds = (System.nanoTime() - start) / 1e9 / reps;
            float[] out = B.toData(c).toFloats();
            for (int[] ij : new int[][] {{0, 0}, {n - 1, n - 1}, {n / 3, n / 2}}) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += (double) a[ij[0] * n + k] * b[k * n + ij[1]];
                }
                assertEquals(s, out[ij[0] * n + ij[1]], 1e-4 * n);
            }
            System.out.printf("[vulkan] %s GEMM %dx%dx%d F32: %.3f ms, %.2f GFLOP/s%n", B.deviceInfo(0).name(), n, n, n, seconds * 1e3,
                    2.0 * n * n * n / seconds / 1e9);
            c.release();
            ta.release();
            tb.release();
        }
    }

    @Test
    void tinyOpLatency() {
        TensorPrimitive x = B.full(Shape.of(16), 1, DType.F32, B.defaultDevice());
        TensorPrimitive y = B.full(Shape.of(16), 2, DType.F32, B.defaultDevice());
        for (int i = 0; i < 200; i++) {
            B.add(x, y).release();
        }
        B.sync(B.defaultDevice());
        int ops = 5000;
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            B.add(x, y).release();
        }
        double recorded = (System.nanoTime() - start) / 1e3 / ops;
        B.sync(B.defaultDevice());
        double batched = (System.nanoTime() - start) / 1e3 / ops;
        int trips = 300;
        start = System.nanoTime();
        for (int i = 0; i < trips; i++) {
            TensorPrimitive z = B.add(x, y);
            assertEquals(3f, B.toData(z).toFloats()[15]);
            z.release();
        }
        double roundTrip = (System.nanoTime() - start) / 1e3 / trips;
        System.out.printf("[vulkan] %s tiny add [16] F32: %.1f us per op to record, %.1f us per op batched (submitted %d at a time), "
                + "%.1f us per op + toData round trip%n", B.deviceInfo(0).name(), recorded, batched, CommandStream.OPS_PER_BATCH, roundTrip);
        x.release();
        y.release();
    }
}
