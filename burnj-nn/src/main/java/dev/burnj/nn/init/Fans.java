package dev.burnj.nn.init;

import dev.burnj.tensor.Shape;

/**
 * Fan-in and fan-out of a weight shape, computed as PyTorch does for 2-D and larger weights: {@code fan_in =
 * size(1) * receptive field} and {@code fan_out = size(0) * receptive field}, where the receptive field is the
 * product of the dims after the first two. (So for a transposed convolution, whose weight is {@code [in, out/groups,
 * kH, kW]}, "fan-in" is PyTorch's quirky {@code out/groups * kH * kW}; layers follow it to match PyTorch's
 * defaults.)
 */
public final class Fans {
    private Fans() {}

    public static int fanIn(Shape shape) {
        return shape(shape).dim(1) * receptiveField(shape);
    }

    public static int fanOut(Shape shape) {
        return shape(shape).dim(0) * receptiveField(shape);
    }

    /** The fan {@code mode} selects. */
    public static int fan(Shape shape, FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn(shape) : fanOut(shape);
    }

    private static int receptiveField(Shape shape) {
        int field = 1;
        for (int d = 2; d < shape.rank(); d++) {
            field *= shape.dim(d);
        }
        return field;
    }

    private static Shape shape(Shape shape) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("fan in and fan out need a weight of rank 2 or more, got " + shape);
        }
        return shape;
    }
}
