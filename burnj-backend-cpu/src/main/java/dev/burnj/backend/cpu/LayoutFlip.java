package dev.burnj.backend.cpu;

/**
 * The copy behind flip. Tensors never carry negative strides, but a row walk may: the source is read from the last
 * element of each flipped dimension backwards, which turns flip into one strided copy.
 */
final class LayoutFlip {
    private LayoutFlip() {}

    /** Writes {@code from} with {@code dims} reversed into {@code to} (same shape and dtype, any layout). */
    static void copyFlipped(CpuTensor from, int[] dims, CpuTensor to) {
        int[] shape = from.dims();
        long[] fromStrides = from.strides().clone();
        boolean[] flipped = new boolean[shape.length];
        for (int d : dims) {
            flipped[d] = true;
        }
        long start = 0;
        for (int d = 0; d < shape.length; d++) {
            if (flipped[d] && shape[d] > 1) {
                start += (shape[d] - 1) * fromStrides[d];
                fromStrides[d] = -fromStrides[d];
            }
        }
        long fromBase = start;
        int size = from.itemSize();
        long fa = from.address();
        long ta = to.address();
        long[] toStrides = to.strides();
        Rows rows = Rows.over(shape, new long[] {fromBase, 0}, fromStrides, toStrides);
        Parallel.forRange(rows.rows(), rows.length(), (r0, r1) -> {
            Rows part = r0 == 0 && r1 == rows.rows() ? rows : Rows.over(shape, new long[] {fromBase, 0}, fromStrides, toStrides).range(r0, r1);
            while (part.next()) {
                LayoutCopy.row(size, fa + part.offset(0) * size, part.step(0), ta + part.offset(1) * size, part.step(1), part.length());
            }
        });
    }
}
