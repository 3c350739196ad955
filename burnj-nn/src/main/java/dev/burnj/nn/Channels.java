package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import java.util.Arrays;

/** Per-channel vectors (biases, norm scales, running statistics) shaped to broadcast against a layer's input. */
final class Channels {
    private Channels() {}

    /**
     * {@code v} ({@code [C]}) as a tensor of {@code rank} with {@code C} at {@code axis} and size 1 elsewhere: binary
     * ops broadcast only between tensors of equal rank.
     */
    static <F extends FloatTensor<F, ?, ?>> F along(Tensor1 v, int axis, Rank<F, ?, ?> rank) {
        int[] dims = new int[rank.rank()];
        Arrays.fill(dims, 1);
        dims[axis] = v.dim(0);
        return v.reshape(Shape.of(dims), rank);
    }

    /** Fails with the layer's name unless {@code input} has {@code expected} entries in dimension {@code dim}. */
    static void require(String layer, Shape input, int dim, int expected, String what) {
        int d = input.normalizeDim(dim);
        if (input.dim(d) != expected) {
            throw new IllegalArgumentException(layer + ": input " + input + " has " + input.dim(d) + " " + what + " in dimension " + d
                    + ", expected " + expected);
        }
    }
}
