package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Regressions found by the conformance suite: libnd4j's arg and variance kernels on non-row-major views (wrong
 * results, and native heap corruption that crashed later ops), and integer products and scans, which libnd4j's
 * declarable ops reject. Expected values come from plain loops over row-major Java arrays.
 */
class Nd4jReductionRegressionTest extends Nd4jTestSupport {
    private static final int[] CUBE = {2, 3, 4};

    @Test
    void argExtremaOfPermutedViewsMatchLoops() {
        long[] ties = smallInts(7, 24, 5);
        for (DType dtype : new DType[] {DType.F64, DType.I64}) {
            TensorPrimitive x = permuted(TensorData.of(ties, Shape.of(CUBE)).convert(dtype));
            for (int dim = 0; dim < CUBE.length; dim++) {
                TensorPrimitive max = B.argmax(x, dim);
                TensorPrimitive min = B.argmin(x, dim);
                assertArrayEquals(argExtremum(ties, dim, true), longs(max), "argmax " + dtype + " dim " + dim);
                assertArrayEquals(argExtremum(ties, dim, false), longs(min), "argmin " + dtype + " dim " + dim);
                release(max, min);
            }
            release(x);
        }
    }

    @Test
    void varianceOfPermutedViewsMatchesLoops() {
        double[] values = random(11, 24);
        TensorPrimitive x = permuted(TensorData.of(values, Shape.of(CUBE)));
        for (int dim = 0; dim < CUBE.length; dim++) {
            for (int correction = 0; correction <= 1; correction++) {
                TensorPrimitive var = B.var(x, dim, correction);
                assertClose(variance(values, dim, correction), var, keptShape(dim));
                release(var);
            }
        }
        release(x);
    }

    /**
     * The conformance crash: autodiff's maxDim takes argmax of its (permuted) input, which corrupted libnd4j's state,
     * so that a later argmax failed and strided_slice crashed the JVM. Runs that sequence and checks the later ops.
     */
    @Test
    void opsAfterArgmaxOfPermutedViewsStillWork() {
        TensorPrimitive permuted = permuted(TensorData.of(random(3, 24), Shape.of(CUBE)));
        double[] padded = random(5, 3 * 3 * 8);
        TensorPrimitive base = f64(padded, 3, 3, 8);
        TensorPrimitive f32Base = B.cast(base, DType.F32);
        double[] stridedValues = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    stridedValues[(i * 3 + j) * 4 + k] = (float) padded[((i + 1) * 3 + j) * 8 + 2 * k + 1];
                }
            }
        }
        for (int round = 0; round < 20; round++) {
            for (int dim = 0; dim < CUBE.length; dim++) {
                release(B.argmax(permuted, dim));
                TensorPrimitive strided = B.slice(f32Base, new Slice[] {Slice.range(1, 3), Slice.range(0, 3), Slice.range(1, 8, 2)});
                TensorPrimitive max = B.maxDim(strided, dim);
                TensorPrimitive at = B.argmax(strided, dim);
                assertClose(extremum(stridedValues, dim), max, keptShape(dim));
                assertArrayEquals(argExtremum(stridedValues, dim, true), longs(at), "argmax of strided F32, dim " + dim);
                release(strided, max, at);
            }
        }
        release(permuted, base, f32Base);
    }

    @Test
    void integerProductsAreExactBeyondDoublePrecision() {
        // 3037000499^2 = 9223372030926249001 < 2^63 needs 63 bits; a double would round it to a multiple of 1024.
        TensorPrimitive big = i64(new long[] {3037000499L, 3037000499L}, 2);
        TensorPrimitive product = B.prod(big);
        TensorPrimitive productDim = B.prodDim(big, 0);
        assertArrayEquals(new long[] {9223372030926249001L}, longs(product));
        assertArrayEquals(new long[] {9223372030926249001L}, longs(productDim));
        assertEquals(Shape.of(1), product.shape());
        TensorPrimitive empty = i64(new long[0], 0, 3);
        TensorPrimitive emptyProduct = B.prod(empty);
        TensorPrimitive emptyLanes = B.prodDim(empty, 0);
        assertArrayEquals(new long[] {1}, longs(emptyProduct));
        assertArrayEquals(new long[] {1, 1, 1}, longs(emptyLanes));
        release(big, product, productDim, empty, emptyProduct, emptyLanes);
    }

    @Test
    void integerProductsAlongEachDimMatchLoops() {
        long[] values = smallInts(13, 24, 7);
        for (int i = 0; i < values.length; i++) {
            values[i] -= 3;
        }
        for (DType dtype : new DType[] {DType.I64, DType.I32}) {
            TensorData data = TensorData.of(values, Shape.of(CUBE)).convert(dtype);
            for (TensorPrimitive x : new TensorPrimitive[] {B.fromData(data, B.defaultDevice()), permuted(data)}) {
                TensorPrimitive all = B.prod(x);
                assertArrayEquals(new long[] {product(values)}, exactLongs(all, dtype), "prod " + dtype);
                for (int dim = 0; dim < CUBE.length; dim++) {
                    TensorPrimitive lanes = B.prodDim(x, dim);
                    assertEquals(Shape.of(keptShape(dim)), lanes.shape());
                    assertArrayEquals(lanesProduct(values, dim), exactLongs(lanes, dtype), "prodDim " + dtype + " dim " + dim);
                    release(lanes);
                }
                release(x, all);
            }
        }
    }

    @Test
    void integerCumsumIsExactAndMatchesLoops() {
        long twoTo53 = 1L << 53;
        TensorPrimitive big = i64(new long[] {twoTo53, 1, 1, Long.MAX_VALUE - twoTo53 - 2}, 4);
        TensorPrimitive scan = B.cumsum(big, 0);
        assertArrayEquals(new long[] {twoTo53, twoTo53 + 1, twoTo53 + 2, Long.MAX_VALUE}, longs(scan));
        release(big, scan);

        long[] values = smallInts(17, 24, 9);
        for (DType dtype : new DType[] {DType.I64, DType.I32}) {
            TensorData data = TensorData.of(values, Shape.of(CUBE)).convert(dtype);
            for (TensorPrimitive x : new TensorPrimitive[] {B.fromData(data, B.defaultDevice()), permuted(data)}) {
                for (int dim = 0; dim < CUBE.length; dim++) {
                    TensorPrimitive sums = B.cumsum(x, dim);
                    assertEquals(Shape.of(CUBE), sums.shape());
                    assertArrayEquals(cumsum(values, dim), exactLongs(sums, dtype), "cumsum " + dtype + " dim " + dim);
                    release(sums);
                }
                release(x);
            }
        }
    }

    /** {@code data} (shape [2, 3, 4]) as a non-row-major view: stored transposed as [4, 3, 2], permuted back. */
    private static TensorPrimitive permuted(TensorData data) {
        long[] longs = data.toLongs();
        double[] doubles = data.toDoubles();
        long[] storedLongs = new long[24];
        double[] storedDoubles = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    storedLongs[(k * 3 + j) * 2 + i] = longs[(i * 3 + j) * 4 + k];
                    storedDoubles[(k * 3 + j) * 2 + i] = doubles[(i * 3 + j) * 4 + k];
                }
            }
        }
        Shape storedShape = Shape.of(4, 3, 2);
        TensorData stored = data.dtype().isInt() ? TensorData.of(storedLongs, storedShape).convert(data.dtype())
                : TensorData.of(storedDoubles, storedShape).convert(data.dtype());
        TensorPrimitive base = B.fromData(stored, B.defaultDevice());
        TensorPrimitive view = B.permute(base, new int[] {2, 1, 0});
        base.release();
        return view;
    }

    /** An integer result as longs, checking it kept {@code dtype}. */
    private static long[] exactLongs(TensorPrimitive t, DType dtype) {
        TensorData d = B.toData(t);
        assertEquals(dtype, d.dtype());
        return d.toLongs();
    }

    private static long[] smallInts(long seed, int n, int bound) {
        Random r = new Random(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    private static int[] keptShape(int dim) {
        int[] shape = CUBE.clone();
        shape[dim] = 1;
        return shape;
    }

    /** Flat row-major positions along {@code dim} of [2, 3, 4], one lane per output position, in output order. */
    private static int[][] lanes(int dim) {
        int length = CUBE[dim];
        int inner = 1;
        for (int d = dim + 1; d < CUBE.length; d++) {
            inner *= CUBE[d];
        }
        int outer = 24 / (length * inner);
        int[][] out = new int[outer * inner][length];
        for (int o = 0; o < outer; o++) {
            for (int s = 0; s < inner; s++) {
                for (int i = 0; i < length; i++) {
                    out[o * inner + s][i] = (o * length + i) * inner + s;
                }
            }
        }
        return out;
    }

    private static long[] argExtremum(long[] values, int dim, boolean largest) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return argExtremum(v, dim, largest);
    }

    /** Index of the first largest (or smallest) element of each lane. */
    private static long[] argExtremum(double[] values, int dim, boolean largest) {
        int[][] lanes = lanes(dim);
        long[] out = new long[lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            int best = 0;
            for (int i = 1; i < lanes[l].length; i++) {
                double v = values[lanes[l][i]];
                double b = values[lanes[l][best]];
                if (largest ? v > b : v < b) {
                    best = i;
                }
            }
            out[l] = best;
        }
        return out;
    }

    private static double[] extremum(double[] values, int dim) {
        int[][] lanes = lanes(dim);
        double[] out = new double[lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            out[l] = Double.NEGATIVE_INFINITY;
            for (int p : lanes[l]) {
                out[l] = Math.max(out[l], values[p]);
            }
        }
        return out;
    }

    private static double[] variance(double[] values, int dim, int correction) {
        int[][] lanes = lanes(dim);
        double[] out = new double[lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            double mean = 0;
            for (int p : lanes[l]) {
                mean += values[p];
            }
            mean /= lanes[l].length;
            double squares = 0;
            for (int p : lanes[l]) {
                squares += (values[p] - mean) * (values[p] - mean);
            }
            out[l] = squares / (lanes[l].length - correction);
        }
        return out;
    }

    private static long product(long[] values) {
        long p = 1;
        for (long v : values) {
            p *= v;
        }
        return p;
    }

    private static long[] lanesProduct(long[] values, int dim) {
        int[][] lanes = lanes(dim);
        long[] out = new long[lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            out[l] = 1;
            for (int p : lanes[l]) {
                out[l] *= values[p];
            }
        }
        return out;
    }

    private static long[] cumsum(long[] values, int dim) {
        long[] out = new long[values.length];
        for (int[] lane : lanes(dim)) {
            long running = 0;
            for (int p : lane) {
                running += values[p];
                out[p] = running;
            }
        }
        return out;
    }
}
