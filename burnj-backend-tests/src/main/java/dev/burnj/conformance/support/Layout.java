package dev.burnj.conformance.support;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;

/**
 * How an input reaches the op under test. Backends may return views from layout ops, so every op must also
 * work on non-contiguous inputs: {@link #PERMUTED} stores the values with all dims reversed and permutes them
 * back; {@link #STRIDED} stores them at odd positions of a twice-as-long last dim, behind one extra leading row,
 * and slices them out (a view with an offset and a step).
 */
public enum Layout {
    CONTIGUOUS,
    PERMUTED,
    STRIDED;

    /** Filler at positions the strided view skips: a value that visibly corrupts a result if an op reads it. */
    private static final double FILLER = 77.0;

    /** Whether this layout differs from {@link #CONTIGUOUS} for {@code shape}. */
    public boolean appliesTo(Shape shape) {
        if (shape.numel() == 0) {
            return this == CONTIGUOUS;
        }
        return this != PERMUTED || shape.rank() >= 2;
    }

    /**
     * Creates {@code data} on {@code backend} in this layout. When {@code track} is set the stored tensor is
     * first made a gradient leaf, so that the autodiff decorator's layout ops are exercised too. Every
     * intermediate is owned by {@code scope}.
     */
    public TensorPrimitive create(Backend backend, TensorData data, boolean track, Scope scope) {
        TensorData stored = switch (this) {
            case CONTIGUOUS -> data;
            case PERMUTED -> reversed(data);
            case STRIDED -> padded(data);
        };
        TensorPrimitive p = scope.own(backend.fromData(stored, backend.defaultDevice()));
        if (track) {
            p = scope.own(backend.autodiffOps().requireGrad(p));
        }
        int rank = data.shape().rank();
        return switch (this) {
            case CONTIGUOUS -> p;
            case PERMUTED -> {
                int[] axes = new int[rank];
                for (int i = 0; i < rank; i++) {
                    axes[i] = rank - 1 - i;
                }
                yield scope.own(backend.permute(p, axes));
            }
            case STRIDED -> {
                Slice[] slices = new Slice[rank];
                int[] dims = data.shape().dims();
                for (int d = 0; d < rank; d++) {
                    slices[d] = Slice.range(0, dims[d]);
                }
                slices[rank - 1] = Slice.range(1, 2 * dims[rank - 1], 2);
                if (rank >= 2) {
                    slices[0] = Slice.range(1, dims[0] + 1);
                }
                yield scope.own(backend.slice(p, slices));
            }
        };
    }

    /** {@code data} with its dims reversed (a full transpose). */
    private static TensorData reversed(TensorData data) {
        int[] dims = data.shape().dims();
        int rank = dims.length;
        int[] rdims = new int[rank];
        for (int i = 0; i < rank; i++) {
            rdims[i] = dims[rank - 1 - i];
        }
        double[] src = data.toDoubles();
        double[] out = new double[src.length];
        long[] strides = Shape.of(dims).strides();
        long[] rstrides = Shape.of(rdims).strides();
        for (int flat = 0; flat < src.length; flat++) {
            long rem = flat;
            long target = 0;
            for (int d = 0; d < rank; d++) {
                long i = rem / strides[d];
                rem %= strides[d];
                target += i * rstrides[rank - 1 - d];
            }
            out[(int) target] = src[flat];
        }
        return TensorData.fromDoubles(out, Shape.of(rdims), data.dtype());
    }

    /** {@code data} at odd positions of a doubled last dim, after one filler row along dim 0 when rank >= 2. */
    private static TensorData padded(TensorData data) {
        int[] dims = data.shape().dims();
        int rank = dims.length;
        int[] pdims = dims.clone();
        pdims[rank - 1] *= 2;
        int lead = rank >= 2 ? 1 : 0;
        if (lead == 1) {
            pdims[0] += 1;
        }
        Shape pshape = Shape.of(pdims);
        double[] out = new double[pshape.numelInt()];
        java.util.Arrays.fill(out, FILLER);
        double[] src = data.toDoubles();
        long[] strides = data.shape().strides();
        long[] pstrides = pshape.strides();
        for (int flat = 0; flat < src.length; flat++) {
            long rem = flat;
            long target = 0;
            for (int d = 0; d < rank; d++) {
                long i = rem / strides[d];
                rem %= strides[d];
                if (d == rank - 1) {
                    i = 2 * i + 1;
                }
                if (d == 0) {
                    i += lead;
                }
                target += i * pstrides[d];
            }
            out[(int) target] = src[flat];
        }
        return TensorData.fromDoubles(out, pshape, data.dtype());
    }
}
