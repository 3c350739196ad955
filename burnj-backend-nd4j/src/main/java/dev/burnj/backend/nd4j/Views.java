package dev.burnj.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sub-array selection. Unit-step windows of dense arrays are views from ND4J's indexing. ND4J 1.0.0-M2 corrupts the
 * shape of the base array when it builds a view with a step (and when views are built from raw buffers), and it
 * mis-builds some windows of non-contiguous arrays (the last index of a dimension of a column window comes back with
 * shape {@code []}), so those selections are copied by libnd4j's strided_slice kernel instead.
 */
final class Views {
    private Views() {}

    /**
     * Elements {@code start[d] + i * step[d]} for {@code i < length[d]}: a view when every step is 1 and {@code a} is
     * dense, else a copy.
     */
    static INDArray window(INDArray a, long[] start, long[] length, long[] step) {
        int rank = start.length;
        boolean unitSteps = true;
        for (long s : step) {
            unitSteps &= s == 1;
        }
        if (unitSteps && !a.isView() && isDense(a)) {
            INDArrayIndex[] idx = new INDArrayIndex[rank];
            for (int d = 0; d < rank; d++) {
                idx[d] = NDArrayIndex.interval(start[d], start[d] + length[d]);
            }
            return a.get(idx);
        }
        long[] args = new long[5 + 3 * rank];
        for (int d = 0; d < rank; d++) {
            args[5 + d] = start[d];
            args[5 + rank + d] = start[d] + (length[d] - 1) * step[d] + 1;
            args[5 + 2 * rank + d] = step[d];
        }
        INDArray out = Tensors.alloc(a.dataType(), length);
        // iArgs: begin, ellipsis, end, new-axis and shrink masks (all 0), then begin, end and strides per dim.
        return Kernel.custom("strided_slice").in(a).out(out).ints(args).exec1();
    }

    /** The block {@code [h0, h0 + h) x [w0, w0 + w)} of the last two dims of a rank-4 array, as a view. */
    static INDArray spatial(INDArray a, long h0, long h, long w0, long w) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(h0, h0 + h), NDArrayIndex.interval(w0, w0 + w));
    }

    /**
     * {@code a} itself when it is dense and row-major, else a row-major copy. Some libnd4j kernels (conv, im2col)
     * assume dense inputs; release the result with {@link Tensors#closeTemp}.
     */
    static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    static boolean isDense(INDArray a) {
        long expected = 1;
        long[] shape = a.shape();
        long[] strides = a.stride();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    static long[] ones(int n) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }
}
