package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * The kernel behind scatter: for every position {@code p} of the index, writes or adds {@code values[p]} into
 * {@code out[p with coordinate dim replaced by index[p]]}, in row-major order of {@code p}, so that duplicates
 * resolve the same way on every run (the last write wins; sums accumulate in index order).
 *
 * <p>Split across threads without locks: positions that differ outside {@code dim} never reach the same target. When
 * a row of the walk runs along {@code dim} the rows are disjoint; otherwise every column of the rows is (a column is
 * one coordinate outside {@code dim}), and each thread walks all rows for its own columns, keeping the order.
 */
final class IndexScatter {
    private IndexScatter() {}

    /** Scatters into {@code out} in place; {@code index} and {@code values} have one shape. */
    static void run(String op, CpuTensor out, int dim, CpuTensor index, CpuTensor values, boolean add) {
        int[] dims = index.dims();
        long[] outStrides = out.strides().clone();
        long dimStride = outStrides[dim];
        int bound = out.dims()[dim];
        outStrides[dim] = 0;
        long[] indexStrides = index.strides();
        long[] valueStrides = values.strides();
        Rows rows = Rows.over(dims, new long[3], indexStrides, valueStrides, outStrides);
        Body body = new Body(op, out, dim, bound, dimStride, index, values, add);
        int len = rows.length();
        if (rows.step(2) == 0) {
            Parallel.forRange(rows.rows(), len, (r0, r1) -> {
                Rows part = r0 == 0 && r1 == rows.rows() ? rows : Rows.over(dims, new long[3], indexStrides, valueStrides, outStrides).range(r0, r1);
                body.walk(part, 0, len);
            });
        } else {
            Parallel.forRange(len, rows.rows(), (c0, c1) -> {
                Rows part = c0 == 0 && c1 == len ? rows : Rows.over(dims, new long[3], indexStrides, valueStrides, outStrides);
                body.walk(part, (int) c0, (int) c1);
            });
        }
    }

    /** The per-row loops, one per dtype family for the adds (assignment copies raw items). */
    private record Body(String op, CpuTensor out, int dim, int bound, long dimStride, CpuTensor index, CpuTensor values, boolean add) {
        /** Applies columns {@code [c0, c1)} of every remaining row of {@code rows}. */
        void walk(Rows rows, int c0, int c1) {
            DType dtype = out.dtype();
            int size = out.itemSize();
            DType indexType = index.dtype();
            int indexSize = index.itemSize();
            long ia = index.address();
            long va = values.address();
            long oa = out.address();
            while (rows.next()) {
                long xs = rows.step(0);
                long vs = rows.step(1);
                long os = rows.step(2);
                long x = rows.offset(0) + c0 * xs;
                long v = rows.offset(1) + c0 * vs;
                long o = rows.offset(2) + c0 * os;
                int n = c1 - c0;
                if (xs == 0 && add && dtype == DType.F32) {
                    // One index for the whole row (an embedding's gradient): a plain strided accumulation.
                    long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
                    long t = oa + ((o + ix * dimStride) << 2);
                    long p = va + (v << 2);
                    long tb = os << 2;
                    long pb = vs << 2;
                    for (int i = 0; i < n; i++, t += tb, p += pb) {
                        NativeMemory.putFloat(t, NativeMemory.getFloat(t) + NativeMemory.getFloat(p));
                    }
                    continue;
                }
                for (int i = 0; i < n; i++, x += xs, v += vs, o += os) {
                    long ix = IndexChecks.checked(op, Access.getLong(indexType, ia + x * indexSize), dim, bound);
                    long t = oa + (o + ix * dimStride) * size;
                    long p = va + v * size;
                    if (!add) {
                        Access.copyItem(size, p, t);
                        continue;
                    }
                    switch (dtype) {
                        case F32 -> NativeMemory.putFloat(t, NativeMemory.getFloat(t) + NativeMemory.getFloat(p));
                        case F64 -> NativeMemory.putDouble(t, NativeMemory.getDouble(t) + NativeMemory.getDouble(p));
                        case BOOL -> NativeMemory.putByte(t, (byte) (NativeMemory.getByte(t) | NativeMemory.getByte(p)));
                        default -> Access.putLong(dtype, t, Access.getLong(dtype, t) + Access.getLong(dtype, p));
                    }
                }
            }
        }
    }
}
