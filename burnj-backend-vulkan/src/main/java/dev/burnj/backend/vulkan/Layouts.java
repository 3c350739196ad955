package dev.burnj.backend.vulkan;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.List;

/**
 * Layout ops. Reshape (of a contiguous tensor), permute, expand, slice and flip return views sharing storage; cat,
 * sliceAssign and materialisation copy with the elementwise identity kernel writing into a strided destination.
 */
final class Layouts {
    private static final String COPY = "a";

    private final Compute compute;

    Layouts(Compute compute) {
        this.compute = compute;
    }

    /** {@code t} itself (a new reference) when contiguous, else a contiguous copy. */
    VulkanTensor contiguous(VulkanTensor t) {
        if (t.isContiguous()) {
            return (VulkanTensor) t.retain();
        }
        return copy(t);
    }

    /** A contiguous copy of {@code t} in fresh storage. */
    VulkanTensor copy(VulkanTensor t) {
        return compute.map("copy", COPY, t.dtype(), t.shape(), t);
    }

    VulkanTensor reshape(VulkanTensor t, Shape shape) {
        VulkanTensor c = contiguous(t);
        try {
            return compute.view(c, shape, c.offset, VulkanTensor.contiguousStrides(shape.dims()));
        } finally {
            c.release();
        }
    }

    VulkanTensor permute(VulkanTensor t, int[] axes) {
        int[] dims = new int[axes.length];
        int[] strides = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = t.shape().dim(axes[i]);
            strides[i] = t.stride(axes[i]);
        }
        return compute.view(t, Shape.of(dims), t.offset, strides);
    }

    VulkanTensor expand(VulkanTensor t, Shape shape) {
        return compute.view(t, shape, t.offset, Compute.broadcastStrides(t, shape));
    }

    VulkanTensor slice(VulkanTensor t, Slice[] slices) {
        int rank = t.shape().rank();
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        int offset = t.offset;
        for (int d = 0; d < rank; d++) {
            Slice s = d < slices.length ? slices[d] : Slice.all().resolve(t.shape().dim(d));
            dims[d] = s.length();
            strides[d] = t.stride(d) * s.step();
            if (dims[d] > 0) {
                offset += s.start() * t.stride(d);
            }
        }
        return compute.view(t, Shape.of(dims), offset, strides);
    }

    VulkanTensor flip(VulkanTensor t, int[] flipDims) {
        int[] strides = t.strides();
        int offset = t.offset;
        for (int d : flipDims) {
            int size = t.shape().dim(d);
            if (size > 0) {
                offset += (size - 1) * strides[d];
            }
            strides[d] = -strides[d];
        }
        return compute.view(t, t.shape(), offset, strides);
    }

    VulkanTensor cat(List<VulkanTensor> parts, int dim) {
        VulkanTensor first = parts.get(0);
        int total = 0;
        for (VulkanTensor p : parts) {
            total += p.shape().dim(dim);
        }
        Shape shape = first.shape().withDim(dim, total);
        VulkanTensor out = compute.empty(Compute.sameGpu(parts), shape, first.dtype());
        int[] strides = out.strides();
        int at = 0;
        for (VulkanTensor p : parts) {
            compute.mapInto("copy", COPY, out, at * strides[dim], strides, p.shape(), first.dtype(), new double[0], p);
            at += p.shape().dim(dim);
        }
        return out;
    }

    VulkanTensor sliceAssign(VulkanTensor t, Slice[] slices, VulkanTensor values) {
        VulkanTensor out = copy(t);
        int[] base = out.strides();
        int[] strides = new int[base.length];
        int offset = 0;
        for (int d = 0; d < base.length; d++) {
            strides[d] = base[d] * slices[d].step();
            offset += slices[d].start() * base[d];
        }
        compute.mapInto("copy", COPY, out, offset, strides, values.shape(), t.dtype(), new double[0], values);
        return out;
    }
}
