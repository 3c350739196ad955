package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sizes the conformance suite's small cases do not reach: full reductions folded by many workgroups, dispatches
 * wider than one grid row, GEMM over many tiles with broadcast batches, and long sort lines. References are plain
 * Java loops in double.
 */
class LargeTensorTest extends VulkanTestSupport {
    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    private TensorPrimitive upload(double[] v, DType dtype, int... dims) {
        return B.fromData(TensorData.fromDoubles(v, Shape.of(dims), dtype), B.defaultDevice());
    }

    @Test
    void fullReductionsOverAMillionElements() {
        int n = 1_000_003;
        double[] v = random(n, 1);
        TensorPrimitive x = upload(v, DType.F64, n);
        TensorPrimitive sum = B.sum(x);
        TensorPrimitive max = B.max(x);
        TensorPrimitive min = B.min(x);
        double expected = 0;
        for (double d : v) {
            expected += d;
        }
        assertEquals(expected, B.toData(sum).getDouble(0), 1e-9);
        assertEquals(Arrays.stream(v).max().orElseThrow(), B.toData(max).getDouble(0));
        assertEquals(Arrays.stream(v).min().orElseThrow(), B.toData(min).getDouble(0));
        TensorPrimitive positive = B.compareScalar(x, 0.999999, Comparison.GT);
        TensorPrimitive any = B.any(positive);
        TensorPrimitive all = B.all(positive);
        assertEquals(Arrays.stream(v).anyMatch(d -> d > 0.999999), B.toData(any).toBooleans()[0]);
        assertEquals(false, B.toData(all).toBooleans()[0]);
        long[] ints = IntStream.range(0, n).mapToLong(i -> i % 7 - 3).toArray();
        TensorPrimitive xi = B.fromData(TensorData.of(ints, Shape.of(n)), B.defaultDevice());
        TensorPrimitive si = B.sum(xi);
        assertEquals(Arrays.stream(ints).sum(), B.toData(si).toLongs()[0]);
        for (TensorPrimitive t : new TensorPrimitive[] {x, sum, max, min, positive, any, all, xi, si}) {
            t.release();
        }
    }

    /** 17M elements need more than 65535 workgroups of 256: the grid wraps into a second dimension. */
    @Test
    void dispatchesWiderThanOneGridRow() {
        int n = 17_000_000;
        TensorPrimitive x = B.full(Shape.of(n), 1.5, DType.F32, B.defaultDevice());
        TensorPrimitive y = B.mulScalar(x, 2);
        float[] out = B.toData(y).toFloats();
        for (int i : new int[] {0, 16_776_959, 16_776_960, n - 1}) {
            assertEquals(3f, out[i], "element " + i);
        }
        x.release();
        y.release();
    }

    /** Lines longer than one invocation should loop over are folded and scanned by whole workgroups. */
    @Test
    void reductionsAndScansAlongLongLines() {
        int n = 200_000;
        long[] v = new long[2 * n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(-1000, 1000);
        }
        // Ties of the extreme values: argmax/argmin must report the first occurrence.
        v[150_000] = 5000;
        v[170_000] = 5000;
        v[n + 10] = -5000;
        v[n + 190_000] = -5000;
        TensorPrimitive x = B.fromData(TensorData.of(v, Shape.of(2, n)), B.defaultDevice());
        TensorPrimitive sum = B.sumDim(x, 1);
        TensorPrimitive max = B.maxDim(x, 1);
        TensorPrimitive argmax = B.argmax(x, 1);
        TensorPrimitive argmin = B.argmin(x, 1);
        TensorPrimitive cumsum = B.cumsum(x, 1);
        long[] sums = new long[2];
        long[] maxes = {Long.MIN_VALUE, Long.MIN_VALUE};
        long[] running = new long[2 * n];
        for (int row = 0; row < 2; row++) {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += v[row * n + i];
                running[row * n + i] = acc;
                maxes[row] = Math.max(maxes[row], v[row * n + i]);
            }
            sums[row] = acc;
        }
        assertArrayEquals(sums, B.toData(sum).toLongs());
        assertArrayEquals(maxes, B.toData(max).toLongs());
        assertEquals(150_000L, B.toData(argmax).toLongs()[0]);
        assertEquals(10L, B.toData(argmin).toLongs()[1]);
        assertArrayEquals(running, B.toData(cumsum).toLongs());
        for (TensorPrimitive t : new TensorPrimitive[] {x, sum, max, argmax, argmin, cumsum}) {
            t.release();
        }
    }

    /** Fused softmax family on short lines (one invocation each) and long ones (a workgroup each). */
    @Test
    void softmaxFamilyOnShortAndLongLines() {
        for (int len : new int[] {7, 5000}) {
            double[] v = random(3 * len, len);
            for (int i = 0; i < v.length; i++) {
                v[i] *= 20;
            }
            double[] lse = new double[3];
            double[] soft = new double[v.length];
            for (int row = 0; row < 3; row++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < len; i++) {
                    m = Math.max(m, v[row * len + i]);
                }
                double s = 0;
                for (int i = 0; i < len; i++) {
                    s += Math.exp(v[row * len + i] - m);
                }
                lse[row] = m + Math.log(s);
                for (int i = 0; i < len; i++) {
                    soft[row * len + i] = Math.exp(v[row * len + i] - lse[row]);
                }
            }
            double[] logSoft = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                logSoft[i] = v[i] - lse[i / len];
            }
            // Rows along dim 0 of the transposed view: a strided line.
            TensorPrimitive stored = upload(transpose(v, 3, len), DType.F64, len, 3);
            TensorPrimitive x = B.permute(stored, new int[] {1, 0});
            TensorPrimitive l = B.logSumExp(x, 1);
            TensorPrimitive sm = B.softmax(x, 1);
            TensorPrimitive ls = B.logSoftmax(x, 1);
            assertArrayEquals(lse, B.toData(l).toDoubles(), 1e-12, "logSumExp, length " + len);
            assertArrayEquals(soft, B.toData(sm).toDoubles(), 1e-14, "softmax, length " + len);
            assertArrayEquals(logSoft, B.toData(ls).toDoubles(), 1e-11, "logSoftmax, length " + len);
            for (TensorPrimitive t : new TensorPrimitive[] {stored, x, l, sm, ls}) {
                t.release();
            }
        }
    }

    @Test
    void opsThatWouldLoopTooLongInOneInvocationFailClearly() {
        TensorPrimitive a = B.full(Shape.of(1, 70_000), 1, DType.F32, B.defaultDevice());
        TensorPrimitive b = B.full(Shape.of(70_000, 1), 1, DType.F32, B.defaultDevice());
        VulkanException e = assertThrows(VulkanException.class, () -> B.matmul(a, b));
        assertTrue(e.getMessage().contains("matmul would run") && e.getMessage().contains("loop iterations"), e.getMessage());
        a.release();
        b.release();
    }

    @Test
    void batchedMatmulOverManyTilesWithBroadcastBatches() {
        int m = 70;
        int k = 131;
        int n = 45;
        double[] a = random(3 * m * k, 2);
        double[] b = random(k * n, 3);
        TensorPrimitive ta = upload(a, DType.F64, 3, 1, m, k);
        TensorPrimitive tb = upload(b, DType.F64, 1, 1, k, n);
        // A transposed view of b^T exercises strided operands.
        TensorPrimitive bt = B.permute(upload(transpose(b, k, n), DType.F64, 1, 1, n, k), new int[] {0, 1, 3, 2});
        TensorPrimitive c = B.matmul(ta, tb);
        TensorPrimitive c2 = B.matmul(ta, bt);
        double[] expected = new double[3 * m * n];
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a[(batch * m + i) * k + q] * b[q * n + j];
                    }
                    expected[(batch * m + i) * n + j] = s;
                }
            }
        }
        assertEquals(Shape.of(3, 1, m, n), c.shape());
        assertArrayEquals(expected, B.toData(c).toDoubles(), 1e-12);
        assertArrayEquals(expected, B.toData(c2).toDoubles(), 1e-12);
        for (TensorPrimitive t : new TensorPrimitive[] {ta, tb, bt, c, c2}) {
            t.release();
        }
    }

    private static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void argsortIsStableOnLongLines() {
        int n = 5000;
        double[] v = new double[2 * n];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(50);
        }
        TensorPrimitive x = upload(v, DType.F32, 2, n);
        TensorPrimitive asc = B.argsort(x, 1, false);
        TensorPrimitive desc = B.argsort(x, 1, true);
        long[] gotAsc = B.toData(asc).toLongs();
        long[] gotDesc = B.toData(desc).toLongs();
        for (int row = 0; row < 2; row++) {
            int base = row * n;
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> v[base + i]));
            Integer[] reverse = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(reverse, Comparator.comparingDouble(i -> -v[base + i]));
            for (int i = 0; i < n; i++) {
                assertEquals((long) order[i], gotAsc[base + i], "ascending row " + row + " position " + i);
                assertEquals((long) reverse[i], gotDesc[base + i], "descending row " + row + " position " + i);
            }
        }
        x.release();
        asc.release();
        desc.release();
    }
}
