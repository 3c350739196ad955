package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * Stable argsort along one dimension, lane by lane (lanes split across threads when large). Each element becomes a
 * long key that orders as {@link Double#compare} does for floats (-0.0 before 0.0, NaN after +inf, all NaNs equal)
 * and as the value for integers; descending order sorts the complemented keys, so ties keep their original order in
 * both directions. The keys are sorted by {@link SortMerge}.
 */
final class Sorting {
    /** Takes the facade's shared {@link Transfers}; argsort reads its input in place and needs no copies. */
    Sorting() {}

    /** Indices (I64) that sort each lane along {@code dim}. */
    CpuTensor argsort(CpuTensor t, int dim, boolean descending) {
        CpuTensor out = t.allocateLike(t.shape(), DType.I64);
        DType dtype = t.dtype();
        int size = t.itemSize();
        int n = t.dims()[dim];
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        long outStep = out.strides()[dim] * Long.BYTES;
        ReduceLanes lanes = ReduceLanes.along(t, out, dim);
        long cost = (long) n * (2 + 64 - Long.numberOfLeadingZeros(n));
        Parallel.forRange(lanes.count(), cost, (from, to) -> {
            long[] keys = new long[n];
            int[] order = new int[n];
            SortMerge scratch = new SortMerge(n);
            lanes.walk(from, to, (x, o) -> {
                long p = a + x * size;
                for (int i = 0; i < n; i++, p += step) {
                    keys[i] = key(dtype, p, descending);
                    order[i] = i;
                }
                scratch.sort(keys, order, n);
                long q = oa + o * Long.BYTES;
                for (int i = 0; i < n; i++, q += outStep) {
                    NativeMemory.putLong(q, order[i]);
                }
            });
        });
        return out;
    }

    private static long key(DType dtype, long address, boolean descending) {
        long key = dtype.isFloat() ? orderedBits(Access.getDouble(dtype, address)) : Access.getLong(dtype, address);
        return descending ? ~key : key;
    }

    /**
     * The bits of {@code v} turned into a long that compares as {@code Double.compare}: non-negative doubles already
     * order by their bits; negative ones order backwards, so all bits but the sign are flipped.
     */
    static long orderedBits(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
