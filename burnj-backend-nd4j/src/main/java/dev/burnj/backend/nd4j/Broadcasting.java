package dev.burnj.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** NumPy broadcasting for ops whose libnd4j kernels need inputs of the output's exact shape. */
final class Broadcasting {
    private Broadcasting() {}

    /**
     * The NumPy broadcast of two shapes (ranks aligned from the right, so rank-0 scalars broadcast to anything),
     * failing with both shapes named when they are incompatible.
     */
    static long[] shape(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = dimFromRight(a, rank - 1 - i);
            long y = dimFromRight(b, rank - 1 - i);
            if (x == y || y == 1) {
                out[i] = x;
            } else if (x == 1) {
                out[i] = y;
            } else {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast in dimension " + i);
            }
        }
        return out;
    }

    private static long dimFromRight(long[] shape, int fromRight) {
        return fromRight < shape.length ? shape[shape.length - 1 - fromRight] : 1;
    }

    /**
     * {@code array} materialised at {@code shape}, or {@code array} itself when it already has that shape; callers
     * check identity to know whether they own the result.
     */
    static INDArray expand(INDArray array, long[] shape) {
        if (Arrays.equals(array.shape(), shape)) {
            return array;
        }
        INDArray out = Tensors.alloc(array.dataType(), shape);
        if (array.length() == 1 && array.dataType().isFPType()) {
            // Filling from a single value (the gradient of a sum or mean) is a scalar fill: a few µs instead of the
            // general broadcast's tens.
            return out.assign(array.getDouble(0));
        }
        // libnd4j's declarable assign broadcasts its source into the target in one native pass. (INDArray.assign(INDArray)
        // is 20x faster but mis-broadcasts several shapes in 1.0.0-M2.1.)
        return Kernel.custom("assign").in(out, array).out(out).exec1();
    }

}
