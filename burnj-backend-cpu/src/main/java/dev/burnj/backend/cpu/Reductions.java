package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Reductions over a whole tensor or along one dimension (sum, product, extrema, any/all, mean, variance),
 * arg-extrema and cumulative sums. Dim reductions keep the dim with size 1 and whole reductions return shape
 * {@code [1]}; results keep the input's dtype (arg-extrema give I64). Floats accumulate in double, integers and bools
 * in long. Every result element is folded by one thread in a fixed order, so results do not depend on the thread
 * count. Float sums and extrema run tight loops ({@link ReduceRuns}): a contiguous whole tensor in fixed-size chunks,
 * contiguous dims with inner dims after them as column folds, other layouts lane by lane; everything else takes
 * {@link ReduceGeneric}.
 */
final class Reductions {
    /** How the elements of a reduction combine. MAX and MIN propagate NaN; ANY and ALL fold 0/1 values. */
    enum Fold {
        SUM(0, 0) {
            @Override
            double apply(double acc, double x) {
                return acc + x;
            }

            @Override
            long apply(long acc, long x) {
                return acc + x;
            }
        },
        PROD(1, 1) {
            @Override
            double apply(double acc, double x) {
                return acc * x;
            }

            @Override
            long apply(long acc, long x) {
                return acc * x;
            }
        },
        MAX(Double.NEGATIVE_INFINITY, Long.MIN_VALUE) {
            @Override
            double apply(double acc, double x) {
                return Math.max(acc, x);
            }

            @Override
            long apply(long acc, long x) {
                return Math.max(acc, x);
            }
        },
        MIN(Double.POSITIVE_INFINITY, Long.MAX_VALUE) {
            @Override
            double apply(double acc, double x) {
                return Math.min(acc, x);
            }

            @Override
            long apply(long acc, long x) {
                return Math.min(acc, x);
            }
        },
        ANY(0, 0) {
            @Override
            double apply(double acc, double x) {
                return acc != 0 || x != 0 ? 1 : 0;
            }

            @Override
            long apply(long acc, long x) {
                return acc != 0 || x != 0 ? 1 : 0;
            }
        },
        ALL(1, 1) {
            @Override
            double apply(double acc, double x) {
                return acc != 0 && x != 0 ? 1 : 0;
            }

            @Override
            long apply(long acc, long x) {
                return acc != 0 && x != 0 ? 1 : 0;
            }
        };

        private final double identity;
        private final long identityLong;

        Fold(double identity, long identityLong) {
            this.identity = identity;
            this.identityLong = identityLong;
        }

        /** The fold of no elements (for MAX and MIN only a starting point: they reject empty inputs). */
        double identity() {
            return identity;
        }

        long identityLong() {
            return identityLong;
        }

        abstract double apply(double acc, double x);

        abstract long apply(long acc, long x);

        boolean isExtremum() {
            return this == MAX || this == MIN;
        }
    }

    /** A contiguous float tensor is folded in chunks of this many elements, whatever the thread count. */
    private static final int CHUNK = 1 << 14;

    /** Column folds take at most this many columns at a time, so that their double accumulators stay in L1. */
    private static final int COLUMN_BLOCK = 1024;

    /** Takes the facade's shared {@link Transfers}; the reductions read their inputs in place and need no copies. */
    Reductions() {}

    CpuTensor all(CpuTensor t, Fold fold) {
        return whole(t, fold, 1);
    }

    CpuTensor dim(CpuTensor t, int dim, Fold fold) {
        return alongDim(t, dim, fold, 1);
    }

    CpuTensor mean(CpuTensor t) {
        return whole(t, Fold.SUM, t.numel());
    }

    CpuTensor meanDim(CpuTensor t, int dim) {
        return alongDim(t, dim, Fold.SUM, t.dims()[dim]);
    }

    /** Two-pass variance of each lane (mean first, then squared deviations), divided by {@code max(0, n - correction)}. */
    CpuTensor var(CpuTensor t, int dim, int correction) {
        requireFloat(t, "var");
        int n = t.dims()[dim];
        CpuTensor out = t.allocateLike(t.shape().withDim(dim, 1), t.dtype());
        boolean f32 = t.dtype() == DType.F32;
        int size = t.itemSize();
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        double divisor = Math.max(0, n - correction);
        ReduceLanes.along(t, out, dim).forEach(2L * n, (x, o) -> {
            long p = a + x * size;
            double mean = ReduceRuns.sum(f32, p, n, step) / n;
            ReduceRuns.put(f32, oa + o * size, ReduceRuns.squaredDeviations(f32, p, n, step, mean) / divisor);
        });
        return out;
    }

    /** Index (I64) of the first largest ({@code max}) or smallest element of each lane; NaN is never chosen over a number. */
    CpuTensor arg(CpuTensor t, int dim, boolean max) {
        int n = t.dims()[dim];
        Shape shape = t.shape().withDim(dim, 1);
        if (n == 0 && shape.numel() > 0) {
            throw new IllegalArgumentException("cpu: " + (max ? "argmax" : "argmin") + " along an empty dim of " + t.shape());
        }
        CpuTensor out = t.allocateLike(shape, DType.I64);
        DType dtype = t.dtype();
        boolean f32 = dtype == DType.F32;
        int size = t.itemSize();
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        ReduceLanes.along(t, out, dim).forEach(n, (x, o) -> {
            long p = a + x * size;
            int at = dtype.isFloat() ? ReduceRuns.argExtreme(f32, max, p, n, step) : ReduceGeneric.argLong(dtype, max, p, n, step);
            NativeMemory.putLong(oa + o * Long.BYTES, at);
        });
        return out;
    }

    /** Inclusive running sums along {@code dim}, in double for floats and in long for integers. */
    CpuTensor cumsum(CpuTensor t, int dim) {
        int n = t.dims()[dim];
        CpuTensor out = t.allocateLike(t.shape(), t.dtype());
        DType dtype = t.dtype();
        boolean f32 = dtype == DType.F32;
        int size = t.itemSize();
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        long outStep = out.strides()[dim] * size;
        ReduceLanes.along(t, out, dim).forEach(n, (x, o) -> {
            if (dtype.isFloat()) {
                ReduceRuns.cumsum(f32, a + x * size, step, oa + o * size, outStep, n);
            } else {
                ReduceGeneric.cumsumLong(dtype, a + x * size, step, oa + o * size, outStep, n);
            }
        });
        return out;
    }

    /** Folds every element into shape {@code [1]}, then divides by {@code divisor} (the count, for a mean). */
    private static CpuTensor whole(CpuTensor t, Fold fold, double divisor) {
        if (fold.isExtremum() && t.numel() == 0) {
            throw new IllegalArgumentException("cpu: " + fold.name().toLowerCase() + " of an empty tensor " + t.shape());
        }
        DType dtype = t.dtype();
        CpuTensor out = t.allocateLike(Shape.of(1), dtype);
        if (dtype.isFloat() && ReduceRuns.supports(fold)) {
            ReduceRuns.put(dtype == DType.F32, out.address(), wholeFloat(t, fold) / divisor);
        } else if (dtype.isFloat()) {
            Access.putDouble(dtype, out.address(), ReduceGeneric.wholeDouble(t, fold) / divisor);
        } else {
            store(dtype, out.address(), ReduceGeneric.wholeLong(t, fold), divisor);
        }
        return out;
    }

    /**
     * SUM, MAX or MIN of a float tensor. A contiguous one is cut into fixed chunks folded in parallel and combined in
     * order; any other layout is folded row by row on the caller.
     */
    private static double wholeFloat(CpuTensor t, Fold fold) {
        boolean f32 = t.dtype() == DType.F32;
        int size = t.itemSize();
        long a = t.address();
        long n = t.numel();
        if (!t.isContiguous()) {
            double acc = fold.identity();
            Rows rows = Rows.over(t.dims(), new long[] {0}, t.strides());
            while (rows.next()) {
                acc = fold.apply(acc, ReduceRuns.fold(f32, fold, a + rows.offset(0) * size, rows.length(), rows.step(0) * size));
            }
            return acc;
        }
        if (n <= CHUNK) {
            return n == 0 ? fold.identity() : ReduceRuns.fold(f32, fold, a, (int) n, size);
        }
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        double[] parts = new double[chunks];
        Parallel.forRange(chunks, CHUNK, (c0, c1) -> {
            for (long c = c0; c < c1; c++) {
                long from = c * CHUNK;
                parts[(int) c] = ReduceRuns.fold(f32, fold, a + from * size, (int) Math.min(CHUNK, n - from), size);
            }
        });
        double acc = parts[0];
        for (int c = 1; c < chunks; c++) {
            acc = fold.apply(acc, parts[c]);
        }
        return acc;
    }

    /** Folds each lane along {@code dim} into an output that keeps the dim with size 1, divided by {@code divisor}. */
    private static CpuTensor alongDim(CpuTensor t, int dim, Fold fold, double divisor) {
        int n = t.dims()[dim];
        Shape shape = t.shape().withDim(dim, 1);
        if (fold.isExtremum() && n == 0 && shape.numel() > 0) {
            throw new IllegalArgumentException("cpu: " + fold.name().toLowerCase() + " along an empty dim of " + t.shape());
        }
        DType dtype = t.dtype();
        CpuTensor out = t.allocateLike(shape, dtype);
        if (out.numel() == 0) {
            return out;
        }
        boolean f32 = dtype == DType.F32;
        int size = t.itemSize();
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        ReduceLanes lanes = ReduceLanes.along(t, out, dim);
        if (dtype.isFloat() && ReduceRuns.supports(fold) && n > 0) {
            if (t.isContiguous() && inner(t.dims(), dim) > 1) {
                columns(t, out, dim, fold, divisor);
            } else {
                lanes.forEach(n, (x, o) -> ReduceRuns.put(f32, oa + o * size, ReduceRuns.fold(f32, fold, a + x * size, n, step) / divisor));
            }
        } else if (dtype.isFloat()) {
            lanes.forEach(n, (x, o) -> Access.putDouble(dtype, oa + o * size, ReduceGeneric.foldDouble(fold, dtype, a + x * size, n, step) / divisor));
        } else {
            lanes.forEach(n, (x, o) -> store(dtype, oa + o * size, ReduceGeneric.foldLong(fold, dtype, a + x * size, n, step), divisor));
        }
        return out;
    }

    /**
     * A contiguous float tensor seen as {@code [outer, n, inner]} reduced over {@code n}: each outer block is a matrix
     * whose rows are folded into the output row by row. Output elements are split across threads, never one sum.
     */
    private static void columns(CpuTensor t, CpuTensor out, int dim, Fold fold, double divisor) {
        boolean f32 = t.dtype() == DType.F32;
        int size = t.itemSize();
        int n = t.dims()[dim];
        long inner = inner(t.dims(), dim);
        long a = t.address();
        long oa = out.address();
        long rowStep = inner * size;
        Parallel.forRange(out.numel(), n, (q0, q1) -> {
            double[] acc = new double[(int) Math.min(COLUMN_BLOCK, q1 - q0)];
            for (long q = q0; q < q1; ) {
                long o = q / inner;
                long j = q % inner;
                int cols = (int) Math.min(Math.min(inner - j, q1 - q), COLUMN_BLOCK);
                ReduceRuns.columns(f32, fold, a + (o * n * inner + j) * size, n, rowStep, cols, acc);
                for (int c = 0; c < cols; c++) {
                    ReduceRuns.put(f32, oa + (q + c) * size, acc[c] / divisor);
                }
                q += cols;
            }
        });
    }

    /** The number of elements one step along {@code dim} spans in a row-major layout of {@code dims}. */
    private static long inner(int[] dims, int dim) {
        long inner = 1;
        for (int d = dim + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        return inner;
    }

    /** Stores an integer fold, exactly unless it is divided (an integer mean, truncated like a cast). */
    private static void store(DType dtype, long address, long value, double divisor) {
        if (divisor == 1) {
            Access.putLong(dtype, address, value);
        } else {
            Access.putDouble(dtype, address, value / divisor);
        }
    }

    static void requireFloat(CpuTensor t, String op) {
        if (!t.dtype().isFloat()) {
            throw new IllegalArgumentException("cpu: " + op + " needs a float tensor, got " + t.dtype());
        }
    }
}
