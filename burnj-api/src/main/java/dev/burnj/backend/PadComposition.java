package dev.burnj.backend;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pad} along one dimension, composed from slice, flip, repeat and cat so that any backend (and the
 * autodiff decorator, which then differentiates the pieces) gets it for free.
 */
final class PadComposition {
    private PadComposition() {}

    static TensorPrimitive padDim(TensorOps ops, TensorPrimitive t, int dim, int before, int after, PadMode mode, double value) {
        Shape shape = t.shape();
        int size = shape.dim(dim);
        if (mode == PadMode.REFLECT && (before >= size || after >= size)) {
            throw new IllegalArgumentException("pad: reflect padding (" + before + ", " + after + ") must be smaller than dimension "
                    + dim + " of size " + size + " in " + shape);
        }
        if (mode == PadMode.REPLICATE && size == 0) {
            throw new IllegalArgumentException("pad: cannot replicate an empty dimension " + dim + " of " + shape);
        }
        List<TensorPrimitive> owned = new ArrayList<>();
        try {
            List<TensorPrimitive> parts = new ArrayList<>();
            if (before > 0) {
                parts.add(track(owned, border(ops, t, dim, before, true, mode, value)));
            }
            parts.add(t);
            if (after > 0) {
                parts.add(track(owned, border(ops, t, dim, after, false, mode, value)));
            }
            return ops.cat(parts, dim);
        } finally {
            owned.forEach(TensorPrimitive::release);
        }
    }

    private static TensorPrimitive border(TensorOps ops, TensorPrimitive t, int dim, int width, boolean leading, PadMode mode, double value) {
        Shape shape = t.shape();
        int size = shape.dim(dim);
        return switch (mode) {
            case CONSTANT -> ops.full(shape.withDim(dim, width), value, t.dtype(), t.device());
            case REPLICATE -> {
                TensorPrimitive edge = ops.slice(t, along(shape, dim, leading ? Slice.range(0, 1) : Slice.range(size - 1, size)));
                try {
                    yield ops.repeat(edge, dim, width);
                } finally {
                    edge.release();
                }
            }
            case REFLECT -> {
                Slice range = leading ? Slice.range(1, width + 1) : Slice.range(size - 1 - width, size - 1);
                TensorPrimitive part = ops.slice(t, along(shape, dim, range));
                try {
                    yield ops.flip(part, new int[] {dim});
                } finally {
                    part.release();
                }
            }
        };
    }

    private static Slice[] along(Shape shape, int dim, Slice slice) {
        Slice[] slices = new Slice[shape.rank()];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = i == dim ? slice : Slice.range(0, shape.dim(i));
        }
        return slices;
    }

    private static TensorPrimitive track(List<TensorPrimitive> owned, TensorPrimitive t) {
        owned.add(t);
        return t;
    }
}
