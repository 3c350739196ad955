package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import dev.burnj.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu backend's oneDNN and ND4J (whose natives bundle their own oneDNN and OpenMP) share one JavaCPP and may load
 * in one JVM in either order. Which loads first is fixed per JVM, so each order runs in a fresh child JVM, which
 * multiplies the same matrices on both backends and compares. With cpu first, oneDNN runs single-threaded and this
 * backend splits the MLP-sized product across its workers ({@link OneDnnThreads}), and the environment is left as it
 * was; with ND4J first, its OpenMP runtime is loaded and sized already, and oneDNN keeps its own team.
 */
class SameJvmMatmulTest {
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j"})
    void bothBackendsMultiplyInOneJvm(String first) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command("-Xmx512m");
        command.add(Child.class.getName());
        command.add(first);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        byte[] output = child.getInputStream().readAllBytes();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        String log = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "child JVM (" + first + " first) failed:\n" + log);
    }

    /** Runs in the child JVM: {@code args[0]} names the backend to use first. */
    public static final class Child {
        public static void main(String[] args) {
            String first = args[0];
            String second = first.equals("cpu") ? "nd4j" : "cpu";
            try {
                double[][] one = products(Backends.get(first));
                double[][] other = products(Backends.get(second));
                if (first.equals("cpu") && System.getenv("OMP_NUM_THREADS") == null && System.getProperty(OneDnnThreads.PROPERTY) == null) {
                    if (OneDnnThreads.mode() != OneDnnThreads.Mode.SPLIT) {
                        throw new AssertionError("cpu first: expected oneDNN single-threaded, got " + OneDnnThreads.mode());
                    }
                    if (org.bytedeco.systems.global.linux.getenv("OMP_NUM_THREADS") != null) {
                        throw new AssertionError("cpu first: OMP_NUM_THREADS was left in the environment");
                    }
                }
                for (int c = 0; c < one.length; c++) {
                    for (int i = 0; i < one[c].length; i++) {
                        if (Math.abs(one[c][i] - other[c][i]) > 1e-3 * Math.max(1, Math.abs(one[c][i]))) {
                            throw new AssertionError("product " + c + " element " + i + ": " + first + " gives " + one[c][i] + ", "
                                    + second + " " + other[c][i]);
                        }
                    }
                }
            } catch (Throwable t) {
                t.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }

        /** A small product, an MLP-sized one with a transposed weight, and a batched one, on {@code backend}. */
        private static double[][] products(Backend backend) {
            return new double[][] {
                product(backend, 3, 4, 5, false),
                product(backend, 64, 784, 256, true),
                batched(backend),
            };
        }

        private static double[] product(Backend backend, int m, int k, int n, boolean transposeB) {
            TensorPrimitive a = upload(backend, Shape.of(m, k), 1, false);
            TensorPrimitive b = transposeB ? transposedView(backend, k, n) : upload(backend, Shape.of(k, n), 2, false);
            TensorPrimitive c = backend.matmul(a, b);
            double[] out = backend.toData(c).toDoubles();
            c.release();
            b.release();
            a.release();
            return out;
        }

        /** A {@code [k, n]} view of an {@code [n, k]} weight, as a linear layer multiplies by. */
        private static TensorPrimitive transposedView(Backend backend, int k, int n) {
            TensorPrimitive w = upload(backend, Shape.of(n, k), 2, true);
            try {
                return backend.permute(w, new int[] {1, 0});
            } finally {
                w.release();
            }
        }

        private static double[] batched(Backend backend) {
            TensorPrimitive a = upload(backend, Shape.of(3, 7, 9), 3, false);
            TensorPrimitive b = upload(backend, Shape.of(1, 9, 5), 4, false);
            TensorPrimitive c = backend.matmul(a, b);
            double[] out = backend.toData(c).toDoubles();
            c.release();
            b.release();
            a.release();
            return out;
        }

        /** Seeded values for a {@code shape} matrix, or for its transpose stored as {@code shape} when {@code transposed}. */
        private static TensorPrimitive upload(Backend backend, Shape shape, long seed, boolean transposed) {
            Random random = new Random(seed);
            int rows = shape.dim(0);
            int cols = shape.numelInt() / rows;
            float[] v = new float[shape.numelInt()];
            for (int i = 0; i < v.length; i++) {
                float x = random.nextFloat() * 2 - 1;
                v[transposed ? i % rows * cols + i / rows : i] = x;
            }
            return backend.fromData(TensorData.of(v, shape), backend.defaultDevice());
        }
    }
}
