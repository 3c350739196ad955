package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * matmul on operand layouts that take different paths: dense, transposed (sgemm's 'T'), rows padded past their
 * length, columns stepped (copied first), expanded rows and batches (stride 0), batches folded into one product,
 * broadcast and rank-mismatched batches, zero sizes, and products large enough to block and split the Java GEMM.
 * Each is checked against a plain triple loop over the logical values, for every numeric dtype.
 */
class GemmLayoutsTest {
    private static final double FILLER = Double.NaN;

    private final CpuBackend backend = new CpuBackend();

    /**
     * A logical operand: its dims and how it is stored — "dense", "transposed" (last two dims swapped in storage),
     * "reversed" (all dims swapped), "stepped" (every other column: neither rows nor columns adjacent) or "padded"
     * (each storage row three elements longer than its data); optionally one dim read with stride 0.
     */
    record Operand(int[] dims, String layout, int expandedDim) {
        static Operand of(String layout, int... dims) {
            return new Operand(dims, layout, Integer.MIN_VALUE);
        }

        Operand expand(int dim) {
            return new Operand(dims, layout, dim);
        }

        @Override
        public String toString() {
            return layout + Arrays.toString(dims) + (expandedDim == Integer.MIN_VALUE ? "" : " expanded dim " + expandedDim);
        }
    }

    /** The operand stored as {@link Operand#layout}: a 1-d storage tensor and the view over it. */
    private final class Built {
        final double[] storage;
        final long offset;
        final long[] strides;
        final int[] dims;

        Built(Operand o, Random random, DType dtype) {
            dims = o.dims();
            int r = dims.length;
            int[] order = new int[r];
            for (int i = 0; i < r; i++) {
                order[i] = i;
            }
            int[] step = new int[r];
            Arrays.fill(step, 1);
            int pad = 0;
            switch (o.layout()) {
                case "dense" -> { }
                case "transposed" -> {
                    order[r - 2] = r - 1;
                    order[r - 1] = r - 2;
                }
                case "reversed" -> {
                    for (int i = 0; i < r; i++) {
                        order[i] = r - 1 - i;
                    }
                }
                case "stepped" -> step[r - 1] = 2;
                case "padded" -> pad = 3;
                default -> throw new IllegalArgumentException(o.layout());
            }
            strides = new long[r];
            long stride = 1;
            for (int i = r - 1; i >= 0; i--) {
                int d = order[i];
                strides[d] = stride * step[d];
                stride = strides[d] * Math.max(dims[d], 1) + (i == r - 1 ? pad : 0);
            }
            if (o.expandedDim() != Integer.MIN_VALUE) {
                strides[Math.floorMod(o.expandedDim(), r)] = 0;
            }
            offset = 2;
            long last = offset;
            for (int d = 0; d < r; d++) {
                last += (long) Math.max(dims[d] - 1, 0) * strides[d];
            }
            storage = new double[(int) last + 3];
            Arrays.fill(storage, dtype.isFloat() ? FILLER : 1 << 20);
            // Writes the logical values; an expanded dim repeats one value, as a stride-0 view must.
            int[] idx = new int[r];
            long numel = Shape.of(dims).numel();
            for (long flat = 0; flat < numel; flat++) {
                unravel(flat, dims, idx);
                int at = (int) at(idx);
                if (storage[at] != storage[at] || storage[at] == (1 << 20)) {
                    storage[at] = dtype.isFloat() ? random.nextInt(9) - 4 + random.nextDouble() : random.nextInt(9) - 4;
                }
            }
        }

        long at(int[] idx) {
            long a = offset;
            for (int d = 0; d < idx.length; d++) {
                a += idx[d] * strides[d];
            }
            return a;
        }

        double get(int[] idx) {
            return storage[(int) at(idx)];
        }

        CpuTensor upload(DType dtype) {
            CpuTensor flat = (CpuTensor) backend.fromData(TensorData.fromDoubles(storage, Shape.of(storage.length), dtype),
                    backend.defaultDevice());
            try {
                return flat.view(Shape.of(dims), offset, strides);
            } finally {
                flat.release();
            }
        }
    }

    private static void unravel(long flat, int[] dims, int[] idx) {
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = (int) (flat % dims[d]);
            flat /= dims[d];
        }
    }

    /** The product by the definition: a triple loop with numpy batch broadcasting, accumulated in double. */
    private static double[] expected(Built a, Built b, int[] outDims) {
        int r = outDims.length;
        int m = outDims[r - 2];
        int n = outDims[r - 1];
        int k = a.dims[a.dims.length - 1];
        double[] out = new double[(int) Shape.of(outDims).numel()];
        int[] idx = new int[r];
        int[] ia = new int[a.dims.length];
        int[] ib = new int[b.dims.length];
        for (int o = 0; o < out.length; o++) {
            unravel(o, outDims, idx);
            batchIndex(idx, a.dims, ia);
            batchIndex(idx, b.dims, ib);
            double s = 0;
            for (int p = 0; p < k; p++) {
                ia[ia.length - 2] = idx[r - 2];
                ia[ia.length - 1] = p;
                ib[ib.length - 2] = p;
                ib[ib.length - 1] = idx[r - 1];
                s += a.get(ia) * b.get(ib);
            }
            out[o] = s;
        }
        assertTrue(m >= 0 && n >= 0);
        return out;
    }

    private static void batchIndex(int[] outIdx, int[] dims, int[] idx) {
        int shift = outIdx.length - dims.length;
        for (int d = 0; d < dims.length - 2; d++) {
            idx[d] = dims[d] == 1 ? 0 : outIdx[d + shift];
        }
    }

    private static int[] outDims(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank - 2; d++) {
            int x = d - (rank - a.length) < 0 ? 1 : a[d - (rank - a.length)];
            int y = d - (rank - b.length) < 0 ? 1 : b[d - (rank - b.length)];
            out[d] = x == 1 ? y : x;
        }
        out[rank - 2] = a[a.length - 2];
        out[rank - 1] = b[b.length - 1];
        return out;
    }

    private void check(Operand ao, Operand bo, DType dtype) {
        Random random = new Random(Arrays.hashCode(ao.dims()) * 31 + Arrays.hashCode(bo.dims()));
        Built a = new Built(ao, random, dtype);
        Built b = new Built(bo, random, dtype);
        int[] outDims = outDims(a.dims, b.dims);
        double[] want = expected(a, b, outDims);
        long liveBefore = backend.memoryStats().liveTensors();
        CpuTensor at = a.upload(dtype);
        CpuTensor bt = b.upload(dtype);
        TensorData got;
        try {
            TensorPrimitive c = backend.matmul(at, bt);
            try {
                assertTrue(((CpuTensor) c).isContiguous());
                assertEquals(dtype, c.dtype());
                got = backend.toData(c);
            } finally {
                c.release();
            }
        } finally {
            at.release();
            bt.release();
        }
        assertEquals(liveBefore, backend.memoryStats().liveTensors(), "tensors leaked");
        assertEquals(Shape.of(outDims), got.shape());
        double[] g = got.toDoubles();
        int k = a.dims[a.dims.length - 1];
        for (int i = 0; i < want.length; i++) {
            // F32 rounds each of k products and sums of magnitude up to ~25 k.
            double tol = switch (dtype) {
                case F32 -> 1e-5 * 25 * Math.max(k, 1);
                case F64 -> 1e-12 * 25 * Math.max(k, 1);
                default -> 0;
            };
            if (Math.abs(g[i] - want[i]) > tol) {
                throw new AssertionError(ao + " x " + bo + " " + dtype + ": element " + i + " is " + g[i] + ", expected " + want[i]);
            }
        }
    }

    private static List<Operand[]> cases() {
        List<Operand[]> c = new ArrayList<>();
        String[] layouts = {"dense", "transposed", "reversed", "stepped", "padded"};
        for (String la : layouts) {
            for (String lb : layouts) {
                c.add(new Operand[] {Operand.of(la, 3, 4), Operand.of(lb, 4, 5)});
                c.add(new Operand[] {Operand.of(la, 2, 3, 4), Operand.of(lb, 2, 4, 5)});
            }
        }
        // Vectors and k = 1.
        c.add(new Operand[] {Operand.of("dense", 1, 4), Operand.of("dense", 4, 1)});
        c.add(new Operand[] {Operand.of("stepped", 1, 4), Operand.of("stepped", 4, 1)});
        c.add(new Operand[] {Operand.of("transposed", 5, 1), Operand.of("dense", 1, 3)});
        // Broadcast batches, of equal and of different rank.
        c.add(new Operand[] {Operand.of("dense", 2, 3, 4), Operand.of("dense", 1, 4, 2)});
        c.add(new Operand[] {Operand.of("dense", 1, 3, 4), Operand.of("transposed", 3, 4, 2)});
        c.add(new Operand[] {Operand.of("dense", 2, 1, 2, 3), Operand.of("dense", 1, 3, 3, 2)});
        c.add(new Operand[] {Operand.of("transposed", 2, 1, 2, 3), Operand.of("padded", 1, 3, 3, 2)});
        c.add(new Operand[] {Operand.of("dense", 2, 3, 4), Operand.of("transposed", 4, 5)});
        c.add(new Operand[] {Operand.of("dense", 3, 4), Operand.of("dense", 2, 4, 5)});
        c.add(new Operand[] {Operand.of("padded", 2, 2, 3, 4), Operand.of("transposed", 1, 4, 5)});
        // Stride 0: an expanded batch of B (folds into one product), of A (does not), and expanded rows of A.
        c.add(new Operand[] {Operand.of("dense", 3, 5, 4), Operand.of("transposed", 3, 4, 6).expand(0)});
        c.add(new Operand[] {Operand.of("dense", 3, 5, 4).expand(0), Operand.of("dense", 3, 4, 6)});
        c.add(new Operand[] {Operand.of("dense", 5, 4).expand(0), Operand.of("dense", 4, 6)});
        c.add(new Operand[] {Operand.of("dense", 5, 4), Operand.of("dense", 4, 6).expand(1)});
        // Single rows in a batch (m = 1), and a batch of A that is laid out transposed.
        c.add(new Operand[] {Operand.of("dense", 4, 1, 7), Operand.of("dense", 1, 7, 3)});
        c.add(new Operand[] {Operand.of("transposed", 4, 3, 7), Operand.of("dense", 7, 3)});
        c.add(new Operand[] {Operand.of("reversed", 4, 3, 7), Operand.of("dense", 1, 7, 3)});
        // Zero sizes: no rows, no columns, k = 0 (all zeros), an empty batch.
        c.add(new Operand[] {Operand.of("dense", 0, 4), Operand.of("dense", 4, 5)});
        c.add(new Operand[] {Operand.of("dense", 3, 4), Operand.of("transposed", 4, 0)});
        c.add(new Operand[] {Operand.of("dense", 3, 0), Operand.of("dense", 0, 5)});
        c.add(new Operand[] {Operand.of("dense", 2, 3, 0), Operand.of("dense", 1, 0, 5)});
        c.add(new Operand[] {Operand.of("dense", 0, 3, 4), Operand.of("dense", 1, 4, 5)});
        // A transposed B with 16 rows or more runs as a matmul primitive: alone, folded, per matrix, and with padding.
        c.add(new Operand[] {Operand.of("dense", 32, 70), Operand.of("transposed", 70, 90)});
        c.add(new Operand[] {Operand.of("padded", 40, 70), Operand.of("reversed", 70, 90)});
        c.add(new Operand[] {Operand.of("transposed", 40, 70), Operand.of("transposed", 70, 90)});
        c.add(new Operand[] {Operand.of("dense", 4, 8, 70), Operand.of("transposed", 70, 90)});
        c.add(new Operand[] {Operand.of("dense", 3, 20, 70), Operand.of("transposed", 3, 70, 100)});
        // Large enough to block over k and n and to split rows across threads in the Java GEMM.
        c.add(new Operand[] {Operand.of("dense", 70, 300), Operand.of("transposed", 300, 600)});
        c.add(new Operand[] {Operand.of("stepped", 2, 40, 150), Operand.of("dense", 150, 530)});
        return c;
    }

    @TestFactory
    Stream<DynamicTest> matchesTheDefinition() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operand[] c : cases()) {
            for (DType dtype : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
                tests.add(DynamicTest.dynamicTest(c[0] + " x " + c[1] + " " + dtype, () -> check(c[0], c[1], dtype)));
            }
        }
        return tests.stream();
    }

    /**
     * Products large enough to be cut into pieces when oneDNN is single-threaded ({@link OneDnnThreads}): by rows
     * (m >= n) and by columns, through sgemm and through the matmul primitive (a transposed B), with padded rows and
     * a folded batch, and sizes that do not divide evenly.
     */
    @TestFactory
    Stream<DynamicTest> splitProductsMatchTheDefinition() {
        List<Operand[]> c = new ArrayList<>();
        String[] layouts = {"dense", "transposed", "padded"};
        for (String la : layouts) {
            for (String lb : layouts) {
                c.add(new Operand[] {Operand.of(la, 67, 301), Operand.of(lb, 301, 45)});
                c.add(new Operand[] {Operand.of(la, 33, 150), Operand.of(lb, 150, 129)});
            }
        }
        c.add(new Operand[] {Operand.of("dense", 3, 41, 120), Operand.of("transposed", 120, 77)});
        List<DynamicTest> tests = new ArrayList<>();
        for (Operand[] operands : c) {
            tests.add(DynamicTest.dynamicTest(operands[0] + " x " + operands[1], () -> {
                OneDnnThreads.Mode previous = OneDnnThreads.use(OneDnnThreads.Mode.SPLIT);
                try {
                    assertTrue(OneDnnThreads.parts() >= 2 || Parallel.threads() == 1);
                    check(operands[0], operands[1], DType.F32);
                } finally {
                    OneDnnThreads.use(previous);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void integerProductsWrapLikeTheDtype() {
        long big = 3_000_000_000_000L;
        for (DType dtype : new DType[] {DType.I32, DType.I64}) {
            TensorPrimitive a = backend.fromData(TensorData.fromDoubles(new double[] {1 << 20, 1 << 20}, Shape.of(1, 2), dtype),
                    backend.defaultDevice());
            TensorPrimitive b = backend.fromData(TensorData.fromDoubles(new double[] {1 << 12, 1 << 12}, Shape.of(2, 1), dtype),
                    backend.defaultDevice());
            TensorPrimitive c = backend.matmul(a, b);
            long want = dtype == DType.I32 ? (int) (2L << 32) : 2L << 32;
            assertEquals(want, backend.toData(c).toLongs()[0], dtype.toString());
            a.release();
            b.release();
            c.release();
        }
        long[] exact = {big + 1, 3};
        TensorPrimitive a = backend.fromData(TensorData.of(exact, Shape.of(1, 2)), backend.defaultDevice());
        TensorPrimitive b = backend.fromData(TensorData.of(new long[] {1_000_001, 1}, Shape.of(2, 1)), backend.defaultDevice());
        TensorPrimitive c = backend.matmul(a, b);
        assertEquals((big + 1) * 1_000_001 + 3, backend.toData(c).toLongs()[0]);
        a.release();
        b.release();
        c.release();
    }

    @Test
    void mismatchedInnerDimsAreRejected() {
        TensorPrimitive a = backend.fromData(TensorData.filled(1, Shape.of(3, 4), DType.F32), backend.defaultDevice());
        TensorPrimitive b = backend.fromData(TensorData.filled(1, Shape.of(5, 2), DType.F32), backend.defaultDevice());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.matmul(a, b));
            assertTrue(e.getMessage().contains("inner dims 4 and 5 differ"), e.getMessage());
        } finally {
            a.release();
            b.release();
        }
    }
}
