package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import java.util.Arrays;

/**
 * Products oneDNN has no GEMM for (F64, I32, I64), in Java: F64 accumulates in double, integers in long (exact,
 * wrapping like the dtype's own arithmetic). Each worker packs B and a block of A's rows into Java arrays, whatever
 * their layout, because C2 vectorises the inner loop {@code c[j] += a * b[j]} over arrays but not over native memory.
 * For F64 (the gradient checks' dtype) the loops over k and n are blocked so that the slice of B in use stays in the
 * L2 cache, and four rows of C are updated per pass over a row of B (each C row its own array, so that C2 vectorises
 * all four), which halves the time against one row per pass. Output rows (over the whole batch) are split across
 * threads.
 */
final class GemmJava {
    /** Rows of A (and C) packed at a time. */
    private static final int ROWS = 32;
    /** Rows of B per k-block; with {@link #COLS} a block of B of 512 KiB in doubles. */
    private static final int DEPTH = 128;
    private static final int COLS = 512;

    private GemmJava() {}

    /** {@code c = a x b} for a problem with {@code m, n, k > 0}; c is dense and of a, b's dtype. */
    static void multiply(GemmProblem p, CpuTensor a, CpuTensor b, CpuTensor c) {
        if ((long) p.k * p.n > Integer.MAX_VALUE || (long) ROWS * Math.max(p.k, p.n) > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("cpu: matmul of " + c.dtype() + " packs B (" + p.k + " x " + p.n + ") and " + ROWS
                    + " rows of A and C (" + ROWS + " x " + Math.max(p.k, p.n) + ") into Java arrays, which hold at most "
                    + Integer.MAX_VALUE + " elements; only F32 products run on oneDNN");
        }
        Parallel.forRange(p.count * p.m, (long) p.k * p.n, (r0, r1) -> {
            Worker w = c.dtype() == DType.F64 ? new Doubles(p, a, b, c) : new Longs(p, a, b, c);
            w.rows(r0, r1);
        });
    }

    /** Computes a range of output rows; subclasses hold the packed operands in one Java element type. */
    private abstract static class Worker {
        final GemmProblem p;
        final DType dtype;
        final int size;
        final long aBase;
        final long bBase;
        final long cBase;

        Worker(GemmProblem p, CpuTensor a, CpuTensor b, CpuTensor c) {
            this.p = p;
            this.dtype = c.dtype();
            this.size = c.itemSize();
            this.aBase = a.address();
            this.bBase = b.address();
            this.cBase = c.address();
        }

        /** Output rows {@code [r0, r1)}, counted over the whole batch. */
        final void rows(long r0, long r1) {
            long[] ab = new long[2];
            long packedB = -1;
            long r = r0;
            while (r < r1) {
                long matrix = r / p.m;
                int i0 = (int) (r % p.m);
                int i1 = (int) Math.min(p.m, i0 + (r1 - r));
                p.offsets(matrix, ab);
                if (ab[1] != packedB) {
                    packB(bBase + ab[1] * size);
                    packedB = ab[1];
                }
                for (int i = i0; i < i1; i += ROWS) {
                    int rows = Math.min(ROWS, i1 - i);
                    packA(aBase + (ab[0] + i * p.aRowStride) * size, rows);
                    compute(rows);
                    store(cBase + (matrix * p.m + i) * p.n * size, rows);
                }
                r += i1 - i0;
            }
        }

        /** Packs B's matrix at {@code address} row-major. */
        abstract void packB(long address);

        /** Packs {@code rows} rows of A from {@code address} (the first row's first element) row-major. */
        abstract void packA(long address, int rows);

        /** Multiplies the packed rows of A by the packed B into the packed rows of C. */
        abstract void compute(int rows);

        /** Writes the packed rows of C to the dense output at {@code address}. */
        abstract void store(long address, int rows);

        /** Whether a {@code rows x cols} matrix with these strides lies densely in row-major order. */
        static boolean dense(int rows, int cols, long rowStride, long colStride) {
            return (cols == 1 || colStride == 1) && (rows == 1 || rowStride == cols);
        }
    }

    private static final class Doubles extends Worker {
        private final double[] a;
        private final double[] b;
        private final double[][] c;

        Doubles(GemmProblem p, CpuTensor at, CpuTensor bt, CpuTensor ct) {
            super(p, at, bt, ct);
            a = new double[Math.min(ROWS, p.m) * p.k];
            b = new double[p.k * p.n];
            c = new double[Math.min(ROWS, p.m)][p.n];
        }

        @Override
        void packB(long address) {
            pack(address, p.k, p.n, p.bRowStride, p.bColStride, b);
        }

        @Override
        void packA(long address, int rows) {
            pack(address, rows, p.k, p.aRowStride, p.aColStride, a);
        }

        private void pack(long address, int rows, int cols, long rowStride, long colStride, double[] to) {
            if (dense(rows, cols, rowStride, colStride)) {
                NativeMemory.copyToArray(address, to, (long) rows * cols * Double.BYTES);
                return;
            }
            for (int i = 0; i < rows; i++) {
                long row = address + i * rowStride * Double.BYTES;
                for (int j = 0; j < cols; j++) {
                    to[i * cols + j] = NativeMemory.getDouble(row + j * colStride * Double.BYTES);
                }
            }
        }

        @Override
        void compute(int rows) {
            int k = p.k;
            int n = p.n;
            for (int i = 0; i < rows; i++) {
                Arrays.fill(c[i], 0.0);
            }
            for (int q0 = 0; q0 < k; q0 += DEPTH) {
                int q1 = Math.min(k, q0 + DEPTH);
                for (int j0 = 0; j0 < n; j0 += COLS) {
                    int j1 = Math.min(n, j0 + COLS);
                    int i = 0;
                    for (; i + 4 <= rows; i += 4) {
                        double[] c0 = c[i];
                        double[] c1 = c[i + 1];
                        double[] c2 = c[i + 2];
                        double[] c3 = c[i + 3];
                        int a0 = i * k;
                        for (int q = q0; q < q1; q++) {
                            double x0 = a[a0 + q];
                            double x1 = a[a0 + k + q];
                            double x2 = a[a0 + 2 * k + q];
                            double x3 = a[a0 + 3 * k + q];
                            int bq = q * n;
                            for (int j = j0; j < j1; j++) {
                                double bj = b[bq + j];
                                c0[j] += x0 * bj;
                                c1[j] += x1 * bj;
                                c2[j] += x2 * bj;
                                c3[j] += x3 * bj;
                            }
                        }
                    }
                    for (; i < rows; i++) {
                        double[] ci = c[i];
                        int ai = i * k;
                        for (int q = q0; q < q1; q++) {
                            double x = a[ai + q];
                            int bq = q * n;
                            for (int j = j0; j < j1; j++) {
                                ci[j] += x * b[bq + j];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void store(long address, int rows) {
            for (int i = 0; i < rows; i++) {
                NativeMemory.copyFromArray(c[i], address + (long) i * p.n * Double.BYTES, (long) p.n * Double.BYTES);
            }
        }
    }

    private static final class Longs extends Worker {
        private final long[] a;
        private final long[] b;
        private final long[][] c;

        Longs(GemmProblem p, CpuTensor at, CpuTensor bt, CpuTensor ct) {
            super(p, at, bt, ct);
            a = new long[Math.min(ROWS, p.m) * p.k];
            b = new long[p.k * p.n];
            c = new long[Math.min(ROWS, p.m)][p.n];
        }

        @Override
        void packB(long address) {
            pack(address, p.k, p.n, p.bRowStride, p.bColStride, b);
        }

        @Override
        void packA(long address, int rows) {
            pack(address, rows, p.k, p.aRowStride, p.aColStride, a);
        }

        private void pack(long address, int rows, int cols, long rowStride, long colStride, long[] to) {
            if (dtype == DType.I64 && dense(rows, cols, rowStride, colStride)) {
                NativeMemory.copyToArray(address, to, (long) rows * cols * Long.BYTES);
                return;
            }
            for (int i = 0; i < rows; i++) {
                long row = address + i * rowStride * size;
                for (int j = 0; j < cols; j++) {
                    to[i * cols + j] = Access.getLong(dtype, row + j * colStride * size);
                }
            }
        }

        /** One row of C per pass: integer products are for exactness, not speed, so no blocking. */
        @Override
        void compute(int rows) {
            int k = p.k;
            int n = p.n;
            for (int i = 0; i < rows; i++) {
                long[] ci = c[i];
                Arrays.fill(ci, 0L);
                for (int q = 0; q < k; q++) {
                    long x = a[i * k + q];
                    int bq = q * n;
                    for (int j = 0; j < n; j++) {
                        ci[j] += x * b[bq + j];
                    }
                }
            }
        }

        @Override
        void store(long address, int rows) {
            for (int i = 0; i < rows; i++) {
                long row = address + (long) i * p.n * size;
                if (dtype == DType.I64) {
                    NativeMemory.copyFromArray(c[i], row, (long) p.n * Long.BYTES);
                    continue;
                }
                for (int j = 0; j < p.n; j++) {
                    Access.putLong(dtype, row + (long) j * size, c[i][j]);
                }
            }
        }
    }
}
