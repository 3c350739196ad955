package dev.burnj.backend.cpu;

import dev.burnj.tensor.Shape;

/**
 * Indexing ops: gather and indexSelect (both {@link IndexGather}) and scatter ({@link IndexScatter}). Index tensors
 * are I32 or I64 of any layout (expanded ones included); values may be any dtype. An index outside its dimension
 * throws an {@link IndexOutOfBoundsException} naming the op, the index and the dimension's size.
 */
final class Indexing {
    private final Transfers transfers;

    Indexing(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor gather(CpuTensor t, int dim, CpuTensor indices) {
        checkIndexShape("gather", t, dim, indices);
        CpuTensor out = t.allocateLike(indices.shape(), t.dtype());
        try {
            IndexGather.run("gather", t, dim, indices, indices.strides(), out);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    CpuTensor scatter(CpuTensor t, int dim, CpuTensor indices, CpuTensor values, boolean add) {
        checkIndexShape("scatter", t, dim, indices);
        if (values.dtype() != t.dtype()) {
            throw new IllegalArgumentException("scatter: values are " + values.dtype() + ", the tensor is " + t.dtype());
        }
        if (!values.shape().equals(indices.shape())) {
            throw new IllegalArgumentException("scatter: values " + values.shape() + " and indices " + indices.shape() + " differ in shape");
        }
        CpuTensor out = t.allocateLike(t.shape(), t.dtype());
        try {
            transfers.copyInto(t, out);
            IndexScatter.run(add ? "scatterAdd" : "scatter", out, dim, indices, values, add);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** A gather whose index is the rank-1 {@code indices} laid along {@code dim}, broadcast (stride 0) elsewhere. */
    CpuTensor indexSelect(CpuTensor t, int dim, CpuTensor indices) {
        if (indices.dims().length != 1) {
            throw new IllegalArgumentException("indexSelect: indices must have rank 1, got " + indices.shape());
        }
        int[] dims = t.dims().clone();
        dims[dim] = indices.dims()[0];
        long[] indexStrides = new long[dims.length];
        indexStrides[dim] = indices.strides()[0];
        CpuTensor out = t.allocateLike(Shape.of(dims), t.dtype());
        try {
            IndexGather.run("indexSelect", t, dim, indices, indexStrides, out);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** The index has the tensor's rank and, outside {@code dim}, sizes no larger than the tensor's. */
    private static void checkIndexShape(String op, CpuTensor t, int dim, CpuTensor indices) {
        int[] dims = t.dims();
        int[] ix = indices.dims();
        boolean ok = ix.length == dims.length;
        for (int d = 0; ok && d < dims.length; d++) {
            ok = d == dim || ix[d] <= dims[d];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": index " + indices.shape() + " does not fit tensor " + t.shape()
                    + " (same rank; sizes may exceed the tensor's only along dimension " + dim + ")");
        }
    }
}
