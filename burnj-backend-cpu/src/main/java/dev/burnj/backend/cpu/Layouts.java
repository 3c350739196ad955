package dev.burnj.backend.cpu;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.Arrays;
import java.util.List;

/**
 * Layout ops. Reshape, permute, expand and slice return views that share the input's block (only a reshape whose
 * strides cannot express the new shape copies first); sliceAssign, cat and flip write fresh dense tensors.
 */
final class Layouts {
    private final Transfers transfers;

    Layouts(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor reshape(CpuTensor t, Shape shape) {
        if (shape.numel() != t.numel()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + t.shape() + " (" + t.numel() + " elements) to " + shape);
        }
        if (t.isContiguous()) {
            return t.view(shape, t.offset(), shape.strides());
        }
        long[] strides = LayoutStrides.reshaped(t.dims(), t.strides(), shape.dims());
        if (strides != null) {
            return t.view(shape, t.offset(), strides);
        }
        CpuTensor dense = transfers.contiguous(t);
        try {
            return dense.view(shape, dense.offset(), shape.strides());
        } finally {
            dense.release();
        }
    }

    CpuTensor permute(CpuTensor t, int[] axes) {
        int[] dims = t.dims();
        long[] strides = t.strides();
        if (axes.length != dims.length) {
            throw new IllegalArgumentException("permute: " + axes.length + " axes " + Arrays.toString(axes) + " for rank " + dims.length);
        }
        int[] outDims = new int[axes.length];
        long[] outStrides = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            outDims[i] = dims[axes[i]];
            outStrides[i] = strides[axes[i]];
        }
        return t.view(Shape.of(outDims), t.offset(), outStrides);
    }

    /** Broadcast dims (size 1 grown, or new leading ones) get stride 0: every index reads the one element. */
    CpuTensor expand(CpuTensor t, Shape shape) {
        int[] dims = t.dims();
        long[] strides = t.strides();
        int[] target = shape.dims();
        int shift = target.length - dims.length;
        if (shift < 0) {
            throw new IllegalArgumentException("expand: cannot expand " + t.shape() + " to the lower rank " + shape);
        }
        long[] out = new long[target.length];
        for (int d = 0; d < dims.length; d++) {
            int to = target[d + shift];
            if (dims[d] == to) {
                out[d + shift] = strides[d];
            } else if (dims[d] != 1) {
                throw new IllegalArgumentException("expand: dimension " + d + " of " + t.shape() + " has size " + dims[d]
                        + ", only size 1 can expand (to " + shape + ")");
            }
        }
        return t.view(shape, t.offset(), out);
    }

    CpuTensor slice(CpuTensor t, Slice[] slices) {
        int[] dims = t.dims();
        long[] strides = t.strides();
        int[] outDims = dims.clone();
        long[] outStrides = strides.clone();
        long offset = t.offset();
        for (int d = 0; d < slices.length; d++) {
            // Resolving an already resolved slice changes nothing; it guards against open ends.
            Slice s = slices[d].resolve(dims[d]);
            outDims[d] = s.length();
            if (outDims[d] > 0) {
                offset += s.start() * strides[d];
            }
            outStrides[d] = strides[d] * s.step();
        }
        return t.view(Shape.of(outDims), offset, outStrides);
    }

    CpuTensor sliceAssign(CpuTensor t, Slice[] slices, CpuTensor values) {
        if (values.dtype() != t.dtype()) {
            throw new IllegalArgumentException("sliceAssign: values are " + values.dtype() + ", the tensor is " + t.dtype());
        }
        CpuTensor out = t.allocateLike(t.shape(), t.dtype());
        try {
            transfers.copyInto(t, out);
            CpuTensor region = slice(out, slices);
            try {
                if (region.shape().equals(values.shape())) {
                    transfers.copyInto(values, region);
                } else {
                    // Values of broadcastable shape (a scalar, a row) fill the region as expand would.
                    CpuTensor spread = expand(values, region.shape());
                    try {
                        transfers.copyInto(spread, region);
                    } finally {
                        spread.release();
                    }
                }
            } finally {
                region.release();
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    CpuTensor cat(List<CpuTensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: no tensors to concatenate");
        }
        CpuTensor first = tensors.get(0);
        int[] dims = first.dims().clone();
        int total = 0;
        for (CpuTensor part : tensors) {
            if (part.dtype() != first.dtype()) {
                throw new IllegalArgumentException("cat: cannot concatenate " + part.dtype() + " with " + first.dtype());
            }
            int[] pd = part.dims();
            for (int d = 0; d < dims.length; d++) {
                if (pd.length != dims.length || d != dim && pd[d] != dims[d]) {
                    throw new IllegalArgumentException("cat: " + part.shape() + " and " + first.shape() + " differ outside dimension " + dim);
                }
            }
            total += pd[dim];
        }
        dims[dim] = total;
        CpuTensor out = first.allocateLike(Shape.of(dims), first.dtype());
        try {
            long[] strides = out.strides();
            long offset = 0;
            for (CpuTensor part : tensors) {
                if (part.numel() > 0) {
                    CpuTensor region = out.view(part.shape(), offset, strides);
                    try {
                        transfers.copyInto(part, region);
                    } finally {
                        region.release();
                    }
                }
                offset += part.dims()[dim] * strides[dim];
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    CpuTensor flip(CpuTensor t, int[] dims) {
        CpuTensor out = t.allocateLike(t.shape(), t.dtype());
        LayoutFlip.copyFlipped(t, dims, out);
        return out;
    }
}
