package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.Arrays;

/**
 * Run-time validation shared by the tensor classes. Every message names the op and the shapes involved, so a
 * user sees {@code matmul: [64, 784] x [100, 10]: inner dims 784 and 100 differ} rather than a backend error.
 */
final class OpChecks {
    private OpChecks() {}

    /** Same dtype and device; returns the broadcast shape of two equal-rank operands. */
    static Shape binary(String op, TensorPrimitive a, TensorPrimitive b) {
        sameDevice(op, a, b);
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " and " + b.dtype() + " differ (shapes " + a.shape()
                    + " and " + b.shape() + "); cast one of them first");
        }
        return Shape.broadcast(op, a.shape(), b.shape());
    }

    static void sameDevice(String op, TensorPrimitive a, TensorPrimitive b) {
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException(op + ": tensors " + a.shape() + " on " + a.device() + " and " + b.shape() + " on " + b.device()
                    + " are on different devices; move one with to(device)");
        }
    }

    static void dtype(String op, TensorPrimitive t, DType expected) {
        if (t.dtype() != expected) {
            throw new IllegalArgumentException(op + ": expected " + expected + " but got " + t.dtype() + " for tensor " + t.shape());
        }
    }

    static int dim(String op, Shape shape, int dim) {
        int rank = shape.rank();
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IndexOutOfBoundsException(op + ": dimension " + dim + " is out of range for shape " + shape + " (rank " + rank + ")");
        }
        return d;
    }

    /** Resolves {@code dims} (which may hold one -1) against {@code numel}, or explains why not. */
    static Shape reshape(String op, Shape from, int... dims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": " + from + " to " + Arrays.toString(dims) + ": only one dimension may be -1");
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": " + from + " to " + Arrays.toString(dims) + ": negative size " + dims[i]);
            } else {
                known *= dims[i];
            }
        }
        int[] out = dims.clone();
        if (infer >= 0) {
            if (known == 0 || from.numel() % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer the -1 in " + Arrays.toString(dims) + " for " + from.numel()
                        + " elements of " + from);
            }
            out[infer] = (int) (from.numel() / known);
        }
        Shape to = Shape.of(out);
        if (to.numel() != from.numel()) {
            throw new IllegalArgumentException(op + ": " + from + " (" + from.numel() + " elements) cannot become " + to + " ("
                    + to.numel() + " elements)");
        }
        return to;
    }

    static int[] permutation(String op, Shape shape, int[] axes) {
        int rank = shape.rank();
        if (axes.length != rank) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(axes) + " has " + axes.length + " axes for shape " + shape);
        }
        int[] out = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = dim(op, shape, axes[i]);
            if (seen[out[i]]) {
                throw new IllegalArgumentException(op + ": " + Arrays.toString(axes) + " repeats dimension " + axes[i] + " for shape " + shape);
            }
            seen[out[i]] = true;
        }
        return out;
    }

    /** Pads {@code slices} with full ranges to the shape's rank and resolves negative bounds. */
    static Slice[] slices(String op, Shape shape, Slice... slices) {
        if (slices.length > shape.rank()) {
            throw new IllegalArgumentException(op + ": " + slices.length + " slices for shape " + shape + " of rank " + shape.rank());
        }
        Slice[] out = new Slice[shape.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < slices.length ? slices[i] : Slice.all()).resolve(shape.dim(i));
        }
        return out;
    }

    static Shape sliceShape(Slice[] resolved) {
        int[] dims = new int[resolved.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = resolved[i].length();
        }
        return Shape.of(dims);
    }

    /** Index within a dimension; negative counts from the end. */
    static int index(String op, Shape shape, int dim, int index) {
        int size = shape.dim(dim);
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of range for dimension " + dim + " of size " + size
                    + " in " + shape);
        }
        return i;
    }
}
