package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.reference.ReferenceReduction;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reduction, scan, sort and softmax kernels on layouts the conformance suite reaches only through other ops
 * (permuted, sliced with an offset and a step, expanded with stride 0, size-1 dims), on long rows and columns that
 * take the chunked and parallel paths, and on NaN, signed zeros, infinities and I64 values beyond 2^53. Expected
 * values come from the suite's plain-Java references applied to the same logical values.
 */
class ReductionKernelsTest {
    private static final List<DType> NUMERIC = List.of(DType.F32, DType.F64, DType.I32, DType.I64);
    private static final List<DType> FLOATS = List.of(DType.F32, DType.F64);

    private final CpuBackend backend = new CpuBackend();
    private final List<TensorPrimitive> owned = new ArrayList<>();

    @AfterEach
    void releaseAndCheckForLeaks() {
        owned.forEach(TensorPrimitive::release);
        owned.clear();
        assertEquals(0, backend.memoryStats().liveTensors(), "tensors left alive");
    }

    private <T extends TensorPrimitive> T own(T t) {
        owned.add(t);
        return t;
    }

    private CpuTensor upload(TensorData data) {
        return own((CpuTensor) backend.fromData(data, backend.defaultDevice()));
    }

    /** Values in {@code [-3, 3]}: integers (ties) for int dtypes and every other float, fractions otherwise. */
    private static TensorData random(DType dtype, Shape shape, long seed, boolean ties) {
        Random r = new Random(seed);
        double[] v = new double[shape.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ties || !dtype.isFloat() ? r.nextInt(7) - 3 : r.nextDouble() * 6 - 3;
        }
        return TensorData.fromDoubles(v, shape, dtype);
    }

    /** One logical tensor of shape {@code dims} in several layouts. */
    private List<CpuTensor> layouts(DType dtype, int[] dims, long seed, boolean ties) {
        List<CpuTensor> out = new ArrayList<>();
        int rank = dims.length;
        out.add(upload(random(dtype, Shape.of(dims), seed, ties)));
        // Permuted: stored with all dims reversed.
        int[] reversed = new int[rank];
        for (int d = 0; d < rank; d++) {
            reversed[d] = dims[rank - 1 - d];
        }
        CpuTensor base = upload(random(dtype, Shape.of(reversed), seed + 1, ties));
        long[] permutedStrides = new long[rank];
        for (int d = 0; d < rank; d++) {
            permutedStrides[d] = base.strides()[rank - 1 - d];
        }
        out.add(own(base.view(Shape.of(dims), 0, permutedStrides)));
        // Strided: behind one extra leading row, every other element of a twice-as-long last dim.
        int[] padded = dims.clone();
        padded[0] += 1;
        padded[rank - 1] *= 2;
        CpuTensor wide = upload(random(dtype, Shape.of(padded), seed + 2, ties));
        long[] stepped = wide.strides().clone();
        stepped[rank - 1] *= 2;
        out.add(own(wide.view(Shape.of(dims), wide.strides()[0] + 1, stepped)));
        // Expanded: dim 0 read with stride 0 from a single row.
        int[] row = dims.clone();
        row[0] = 1;
        CpuTensor one = upload(random(dtype, Shape.of(row), seed + 3, ties));
        long[] expanded = one.strides().clone();
        expanded[0] = 0;
        out.add(own(one.view(Shape.of(dims), 0, expanded)));
        return out;
    }

    private TensorData data(TensorPrimitive t) {
        return backend.toData(t);
    }

    private static void assertClose(TensorData expected, TensorData actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        double tolerance = expected.dtype() == DType.F32 ? 1e-5 : expected.dtype() == DType.F64 ? 1e-12 : 0;
        double[] e = expected.toDoubles();
        double[] a = actual.toDoubles();
        for (int i = 0; i < e.length; i++) {
            boolean same = Double.compare(e[i], a[i]) == 0 || Math.abs(e[i] - a[i]) <= tolerance * Math.max(1, Math.abs(e[i]));
            assertTrue(same, what + ": element " + i + " expected " + e[i] + " got " + a[i]);
        }
    }

    private interface DimOp {
        TensorPrimitive apply(CpuTensor t, int dim);
    }

    private void checkReduceDim(String name, DimOp op, ToDoubleFunction<double[]> lane, List<DType> dtypes, boolean indices, int[] dims) {
        for (DType dtype : dtypes) {
            for (CpuTensor t : layouts(dtype, dims, name.hashCode(), indices)) {
                TensorData in = data(t);
                for (int d = 0; d < dims.length; d++) {
                    TensorData expected = ReferenceReduction.reduceDim(in, d, lane, indices ? DType.I64 : dtype);
                    assertClose(expected, data(own(op.apply(t, d))), name + " dim " + d + " of " + t);
                }
            }
        }
    }

    private void checkScan(String name, DimOp op, UnaryOperator<double[]> lane, List<DType> dtypes, boolean indices, int[] dims) {
        for (DType dtype : dtypes) {
            for (CpuTensor t : layouts(dtype, dims, name.hashCode(), true)) {
                TensorData in = data(t);
                for (int d = 0; d < dims.length; d++) {
                    TensorData expected = ReferenceReduction.lanes(in, d, dims[d], lane, indices ? DType.I64 : dtype);
                    assertClose(expected, data(own(op.apply(t, d))), name + " dim " + d + " of " + t);
                }
            }
        }
    }

    private void checkWhole(String name, Function<CpuTensor, TensorPrimitive> op, ToDoubleFunction<double[]> f, List<DType> dtypes, int[] dims) {
        for (DType dtype : dtypes) {
            for (CpuTensor t : layouts(dtype, dims, name.hashCode(), false)) {
                TensorData expected = ReferenceReduction.reduceAll(data(t), f, dtype);
                assertClose(expected, data(own(op.apply(t))), name + " of " + t);
            }
        }
    }

    private static final int[] CUBE = {3, 4, 5};
    private static final int[] WITH_ONE = {3, 1, 5};

    @Test
    void dimReductionsOnEveryLayout() {
        for (int[] dims : new int[][] {CUBE, WITH_ONE}) {
            checkReduceDim("sumDim", backend::sumDim, ReferenceReduction::sum, NUMERIC, false, dims);
            checkReduceDim("prodDim", backend::prodDim, ReferenceReduction::prod, NUMERIC, false, dims);
            checkReduceDim("maxDim", backend::maxDim, ReferenceReduction::max, NUMERIC, false, dims);
            checkReduceDim("minDim", backend::minDim, ReferenceReduction::min, NUMERIC, false, dims);
            checkReduceDim("meanDim", backend::meanDim, ReferenceReduction::mean, FLOATS, false, dims);
            checkReduceDim("var0", (t, d) -> backend.var(t, d, 0), l -> ReferenceReduction.var(l, 0), FLOATS, false, dims);
            checkReduceDim("var1", (t, d) -> backend.var(t, d, 1), l -> ReferenceReduction.var(l, 1), FLOATS, false, dims);
            checkReduceDim("argmax", backend::argmax, ReferenceReduction::argmax, NUMERIC, true, dims);
            checkReduceDim("argmin", backend::argmin, ReferenceReduction::argmin, NUMERIC, true, dims);
            checkReduceDim("logSumExp", backend::logSumExp, ReferenceReduction::logSumExp, FLOATS, false, dims);
        }
    }

    @Test
    void wholeReductionsOnEveryLayout() {
        checkWhole("sum", backend::sum, ReferenceReduction::sum, NUMERIC, CUBE);
        checkWhole("max", backend::max, ReferenceReduction::max, NUMERIC, CUBE);
        checkWhole("min", backend::min, ReferenceReduction::min, NUMERIC, CUBE);
        checkWhole("mean", backend::mean, ReferenceReduction::mean, FLOATS, CUBE);
        checkWhole("prod", backend::prod, ReferenceReduction::prod, NUMERIC, new int[] {2, 3});
    }

    @Test
    void scansSortsAndSoftmaxOnEveryLayout() {
        for (int[] dims : new int[][] {CUBE, WITH_ONE}) {
            checkScan("cumsum", backend::cumsum, ReferenceReduction::cumsum, NUMERIC, false, dims);
            checkScan("argsort", (t, d) -> backend.argsort(t, d, false), l -> ReferenceReduction.argsort(l, false), NUMERIC, true, dims);
            checkScan("argsortDesc", (t, d) -> backend.argsort(t, d, true), l -> ReferenceReduction.argsort(l, true), NUMERIC, true, dims);
            checkScan("softmax", backend::softmax, ReferenceReduction::softmax, FLOATS, false, dims);
            checkScan("logSoftmax", backend::logSoftmax, ReferenceReduction::logSoftmax, FLOATS, false, dims);
        }
    }

    @Test
    void anyAndAll() {
        boolean[][] cases = {{false, false, false}, {false, true, false}, {true, true, true}};
        for (boolean[] values : cases) {
            CpuTensor t = upload(TensorData.of(values, Shape.of(3)));
            boolean any = values[0] || values[1] || values[2];
            boolean all = values[0] && values[1] && values[2];
            assertArrayEquals(new boolean[] {any}, data(own(backend.any(t))).toBooleans());
            assertArrayEquals(new boolean[] {all}, data(own(backend.all(t))).toBooleans());
        }
        CpuTensor empty = upload(TensorData.of(new boolean[0], Shape.of(0)));
        assertArrayEquals(new boolean[] {false}, data(own(backend.any(empty))).toBooleans());
        assertArrayEquals(new boolean[] {true}, data(own(backend.all(empty))).toBooleans());
    }

    /** Long F32 runs through the chunked, parallel, row, column and strided paths stay within 1e-5 of a double sum. */
    @Test
    void longF32SumsStayAccurate() {
        int rows = 300;
        int cols = 2001;
        float[] v = new float[rows * cols];
        Random r = new Random(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() + 0.1);
        }
        CpuTensor t = upload(TensorData.of(v, Shape.of(rows, cols)));
        double total = 0;
        double[] rowSums = new double[rows];
        double[] colSums = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                total += v[i * cols + j];
                rowSums[i] += v[i * cols + j];
                colSums[j] += v[i * cols + j];
            }
        }
        assertEquals(total, data(own(backend.sum(t))).toDoubles()[0], 1e-5 * Math.abs(total));
        assertEquals(total / v.length, data(own(backend.mean(t))).toDoubles()[0], 1e-5 * Math.abs(total / v.length));
        double[] byRow = data(own(backend.sumDim(t, 1))).toDoubles();
        double[] byCol = data(own(backend.sumDim(t, 0))).toDoubles();
        for (int i = 0; i < rows; i++) {
            assertEquals(rowSums[i], byRow[i], 1e-5 * Math.max(1, Math.abs(rowSums[i])), "row " + i);
        }
        for (int j = 0; j < cols; j++) {
            assertEquals(colSums[j], byCol[j], 1e-5 * Math.max(1, Math.abs(colSums[j])), "column " + j);
        }
        // The transposed view: its last dim is strided and the whole sum walks rows of stride cols.
        CpuTensor transposed = own(t.view(Shape.of(cols, rows), 0, new long[] {1, cols}));
        assertEquals(total, data(own(backend.sum(transposed))).toDoubles()[0], 1e-5 * Math.abs(total));
        double[] transposedRows = data(own(backend.sumDim(transposed, 1))).toDoubles();
        for (int j = 0; j < cols; j++) {
            assertEquals(colSums[j], transposedRows[j], 1e-5 * Math.max(1, Math.abs(colSums[j])), "transposed row " + j);
        }
    }

    /** A million F64 terms of mixed magnitude: within 1e-10 of an exact (BigDecimal) sum. */
    @Test
    void longF64SumIsAccurate() {
        int n = 1_000_003;
        double[] v = new double[n];
        Random r = new Random(11);
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * (i % 3 == 0 ? 1e3 : 1);
            exact = exact.add(new java.math.BigDecimal(v[i]));
        }
        CpuTensor t = upload(TensorData.of(v, Shape.of(n)));
        double expected = exact.doubleValue();
        assertEquals(expected, data(own(backend.sum(t))).toDoubles()[0], 1e-10 * Math.abs(expected));
        CpuTensor matrix = upload(TensorData.of(v, Shape.of(1, n)));
        assertEquals(expected, data(own(backend.sumDim(matrix, 1))).toDoubles()[0], 1e-10 * Math.abs(expected));
    }

    @Test
    void largeExtremaAndArgExtrema() {
        int rows = 64;
        int cols = 5000;
        float[] v = new float[rows * cols];
        Random r = new Random(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        v[12345] = 3;
        v[54321] = -3;
        CpuTensor t = upload(TensorData.of(v, Shape.of(rows, cols)));
        assertEquals(3.0, data(own(backend.max(t))).toDoubles()[0]);
        assertEquals(-3.0, data(own(backend.min(t))).toDoubles()[0]);
        long[] argmax = data(own(backend.argmax(t, 1))).toLongs();
        assertEquals(12345 % cols, argmax[12345 / cols]);
        long[] colArgmin = data(own(backend.argmin(t, 0))).toLongs();
        assertEquals(54321 / cols, colArgmin[54321 % cols]);
        double[] colMax = data(own(backend.maxDim(t, 0))).toDoubles();
        assertEquals(3.0, colMax[12345 % cols]);
    }

    @Test
    void nanInfinityAndSignedZero() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] values = {1, nan, 3, -0.0, 0.0, -inf, inf, 3, nan};
        for (DType dtype : FLOATS) {
            TensorData data = TensorData.fromDoubles(values, Shape.of(values.length), dtype);
            CpuTensor t = upload(data);
            assertTrue(Double.isNaN(data(own(backend.max(t))).toDoubles()[0]));
            assertTrue(Double.isNaN(data(own(backend.minDim(t, 0))).toDoubles()[0]));
            assertEquals(ReferenceReduction.argmax(values), data(own(backend.argmax(t, 0))).toLongs()[0]);
            assertEquals(ReferenceReduction.argmin(values), data(own(backend.argmin(t, 0))).toLongs()[0]);
            for (boolean descending : new boolean[] {false, true}) {
                TensorData expected = ReferenceReduction.lanes(data, 0, values.length, l -> ReferenceReduction.argsort(l, descending), DType.I64);
                assertClose(expected, data(own(backend.argsort(t, 0, descending))), "argsort descending=" + descending);
            }
        }
        CpuTensor minusInf = upload(TensorData.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, Shape.of(1, 2)));
        assertEquals(Double.NEGATIVE_INFINITY, data(own(backend.logSumExp(minusInf, 1))).toDoubles()[0]);
    }

    @Test
    void softmaxOfLargeLogits() {
        float[] v = {1000, 999, -1000, 0, 998.5f, 1000};
        CpuTensor t = upload(TensorData.of(v, Shape.of(2, 3)));
        TensorData in = data(t);
        for (int d = 0; d < 2; d++) {
            int n = in.shape().dim(d);
            assertClose(ReferenceReduction.lanes(in, d, n, ReferenceReduction::softmax, DType.F32), data(own(backend.softmax(t, d))), "softmax");
            TensorData logSoftmax = data(own(backend.logSoftmax(t, d)));
            TensorData expected = ReferenceReduction.lanes(in, d, n, ReferenceReduction::logSoftmax, DType.F32);
            double[] e = expected.toDoubles();
            double[] a = logSoftmax.toDoubles();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-4, "logSoftmax element " + i);
            }
        }
    }

    @Test
    void i64SumsAreExact() {
        long big = (1L << 53) + 1;
        CpuTensor t = upload(TensorData.of(new long[] {big, 2, big, -1}, Shape.of(2, 2)));
        assertEquals(2 * big + 1, data(own(backend.sum(t))).toLongs()[0]);
        assertArrayEquals(new long[] {big + 2, big - 1}, data(own(backend.sumDim(t, 1))).toLongs());
        assertArrayEquals(new long[] {big, big + 2, 2 * big + 2, 2 * big + 1}, data(own(backend.cumsum(
                own(t.view(Shape.of(4), 0, new long[] {1})), 0))).toLongs());
        assertEquals(big, data(own(backend.max(t))).toLongs()[0]);
    }

    @Test
    void emptyInputs() {
        CpuTensor empty = upload(TensorData.of(new float[0], Shape.of(0, 3)));
        assertArrayEquals(new double[] {0}, data(own(backend.sum(empty))).toDoubles());
        assertArrayEquals(new double[] {1}, data(own(backend.prod(empty))).toDoubles());
        assertArrayEquals(new double[] {0, 0, 0}, data(own(backend.sumDim(empty, 0))).toDoubles());
        assertEquals(Shape.of(0, 1), data(own(backend.maxDim(empty, 1))).shape());
        assertEquals(Shape.of(0, 3), data(own(backend.argsort(empty, 0, false))).shape());
        assertThrows(IllegalArgumentException.class, () -> backend.max(empty));
        assertThrows(IllegalArgumentException.class, () -> backend.argmax(empty, 0));
    }
}
