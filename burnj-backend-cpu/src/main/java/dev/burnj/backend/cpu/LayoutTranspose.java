package dev.burnj.backend.cpu;

/**
 * Copies a matrix stored transposed (its columns dense, as a {@code transpose()} view of a dense matrix) into a
 * dense row-major one, tile by tile: a plain row-by-row copy reads each source row a whole cache line (and often a
 * page) apart per element, where a tile's source and destination lines both stay in the L1 cache while it is copied.
 * A linear layer's weight gradient arrives as such a view, and the optimizers' fused kernels want it dense.
 */
final class LayoutTranspose {
    /**
     * Tile side. 16 measured best (Adam steps on transposed gradients, 256x100 to 784x512): 32 loses to cache-set
     * conflicts when a row is a power of two bytes long (a 512-column destination's tile rows all fall in two sets).
     */
    private static final int TILE = 16;
    /** Relative cost of an element for {@link Parallel}: a copy. */
    private static final long COST = 1;

    private LayoutTranspose() {}

    /**
     * Whether {@code from} is a rank-2 view whose columns are dense (strides {@code [1, ld]} with
     * {@code ld >= rows}) and {@code to} a dense tensor of its shape: the case {@link #copy} handles.
     */
    static boolean applies(CpuTensor from, CpuTensor to) {
        if (from.dims().length != 2 || !to.isContiguous()) {
            return false;
        }
        long[] s = from.strides();
        int rows = from.dims()[0];
        int cols = from.dims()[1];
        return rows > 1 && cols > 1 && s[0] == 1 && s[1] >= rows;
    }

    /** Copies {@code from} into dense {@code to} ({@link #applies} holds), tile rows split across threads. */
    static void copy(CpuTensor from, CpuTensor to) {
        int size = from.itemSize();
        int rows = from.dims()[0];
        int cols = from.dims()[1];
        long ld = from.strides()[1];
        long src = from.address();
        long dst = to.address();
        int tileRows = (rows + TILE - 1) / TILE;
        Parallel.forRange(tileRows, (long) TILE * cols * COST, (t0, t1) -> {
            for (long t = t0; t < t1; t++) {
                int r0 = (int) t * TILE;
                int r1 = Math.min(rows, r0 + TILE);
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int c1 = Math.min(cols, c0 + TILE);
                    for (int c = c0; c < c1; c++) {
                        // Source column c holds rows r0..r1 densely; they land one destination row apart.
                        long f = src + (c * ld + r0) * size;
                        long d = dst + ((long) r0 * cols + c) * size;
                        LayoutCopy.row(size, f, 1, d, cols, r1 - r0);
                    }
                }
            }
        });
    }
}
