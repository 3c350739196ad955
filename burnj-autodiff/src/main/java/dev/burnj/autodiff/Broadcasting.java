package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import java.util.Arrays;

/**
 * Undoes broadcasting in backward: an input that was broadcast along a dimension received the same value at every
 * position there, so its gradient is the output gradient summed over that dimension.
 */
final class Broadcasting {
    private Broadcasting() {}

    /** A new reference to {@code grad} summed down to {@code target} (same rank; target dims are 1 or equal). */
    static TensorPrimitive sumTo(Backend ops, TensorPrimitive grad, Shape target) {
        Shape shape = grad.shape();
        if (shape.equals(target)) {
            return grad.retain();
        }
        if (shape.rank() != target.rank()) {
            throw new IllegalStateException("autodiff: cannot reduce a gradient of shape " + shape + " to an input of shape " + target
                    + ": ranks differ");
        }
        TensorPrimitive current = grad.retain();
        for (int d = 0; d < target.rank(); d++) {
            if (target.dim(d) == 1 && current.shape().dim(d) != 1) {
                TensorPrimitive next = ops.sumDim(current, d);
                current.release();
                current = next;
            }
        }
        if (!current.shape().equals(target)) {
            current.release();
            throw new IllegalStateException("autodiff: a gradient of shape " + shape + " does not broadcast to an input of shape " + target);
        }
        return current;
    }

    /** A shape of {@code rank} ones: the broadcastable form of a full reduction's {@code [1]} result. */
    static Shape ones(int rank) {
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        return Shape.of(dims);
    }
}
