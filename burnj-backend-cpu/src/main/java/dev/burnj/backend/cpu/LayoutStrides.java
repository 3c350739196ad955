package dev.burnj.backend.cpu;

/** Stride arithmetic for reshaping a strided view without copying it. */
final class LayoutStrides {
    private LayoutStrides() {}

    /**
     * Strides that show the same elements in the same row-major order with shape {@code newDims}, or null when none
     * exist. The old dims split into chunks that are each contiguous within themselves (a transposed or sliced view
     * has several); the reshape is a view exactly when every new dimension falls inside one chunk.
     */
    static long[] reshaped(int[] oldDims, long[] oldStrides, int[] newDims) {
        long numel = 1;
        for (int d : oldDims) {
            numel *= d;
        }
        if (numel == 0 || oldDims.length == 0) {
            return null; // such tensors count as contiguous and never get here; a copy is right anyway
        }
        long[] out = new long[newDims.length];
        int view = newDims.length - 1;
        long chunkStride = oldStrides[oldDims.length - 1];
        long chunkNumel = 1;
        long viewNumel = 1;
        for (int d = oldDims.length - 1; d >= 0; d--) {
            chunkNumel *= oldDims[d];
            boolean chunkEnds = d == 0 || oldDims[d - 1] != 1 && oldStrides[d - 1] != chunkNumel * chunkStride;
            if (!chunkEnds) {
                continue;
            }
            while (view >= 0 && (viewNumel < chunkNumel || newDims[view] == 1)) {
                out[view] = viewNumel * chunkStride;
                viewNumel *= newDims[view];
                view--;
            }
            if (viewNumel != chunkNumel) {
                return null;
            }
            if (d > 0) {
                chunkStride = oldStrides[d - 1];
                chunkNumel = 1;
                viewNumel = 1;
            }
        }
        return view == -1 ? out : null;
    }
}
