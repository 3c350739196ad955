package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * The kernel behind gather and indexSelect: {@code out[p] = src[p with coordinate dim replaced by index[p]]} over
 * every position {@code p} of {@code out}. indexSelect passes its rank-1 index with stride 0 on the other dims, so
 * a row that keeps one index (an embedding row, a slab along dim 0) becomes a single strided or memory copy.
 */
final class IndexGather {
    private IndexGather() {}

    /**
     * Fills {@code out} (same rank as {@code src}, sizes at most {@code src}'s outside {@code dim}) from {@code src},
     * reading {@code index} with {@code indexStrides} (one per dimension of {@code out}).
     */
    static void run(String op, CpuTensor src, int dim, CpuTensor index, long[] indexStrides, CpuTensor out) {
        int[] dims = out.dims();
        long[] srcStrides = src.strides().clone();
        long dimStride = srcStrides[dim];
        int bound = src.dims()[dim];
        srcStrides[dim] = 0;
        long[] outStrides = out.strides();
        Rows rows = Rows.over(dims, new long[3], outStrides, indexStrides, srcStrides);
        Parallel.forRange(rows.rows(), rows.length(), (r0, r1) -> {
            Rows part = r0 == 0 && r1 == rows.rows() ? rows : Rows.over(dims, new long[3], outStrides, indexStrides, srcStrides).range(r0, r1);
            while (part.next()) {
                row(op, src, index, out, dim, bound, dimStride, part);
            }
        });
    }

    private static void row(String op, CpuTensor src, CpuTensor index, CpuTensor out, int dim, int bound, long dimStride, Rows rows) {
        int size = src.itemSize();
        DType indexType = index.dtype();
        int indexSize = index.itemSize();
        long ia = index.address();
        long o = rows.offset(0);
        long x = rows.offset(1);
        long s = rows.offset(2);
        long os = rows.step(0);
        long xs = rows.step(1);
        long ss = rows.step(2);
        int n = rows.length();
        long sa = src.address();
        long oa = out.address();
        if (xs == 0) {
            long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
            LayoutCopy.row(size, sa + (s + ix * dimStride) * size, ss, oa + o * size, os, n);
            return;
        }
        switch (size) {
            case 4 -> {
                for (int i = 0; i < n; i++, o += os, x += xs, s += ss) {
                    long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
                    NativeMemory.putInt(oa + (o << 2), NativeMemory.getInt(sa + ((s + ix * dimStride) << 2)));
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++, o += os, x += xs, s += ss) {
                    long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
                    NativeMemory.putLong(oa + (o << 3), NativeMemory.getLong(sa + ((s + ix * dimStride) << 3)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++, o += os, x += xs, s += ss) {
                    long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
                    Access.copyItem(size, sa + (s + ix * dimStride) * size, oa + o * size);
                }
            }
        }
    }
}
