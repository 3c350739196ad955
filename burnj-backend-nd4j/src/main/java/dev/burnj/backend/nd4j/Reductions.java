package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Prod;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;

/**
 * Sums, products, extrema, arg-extrema, means, variances and cumulative sums via libnd4j's reduce kernels. Dim
 * reductions keep the dim; full reductions return shape {@code [1]}. libnd4j's declarable {@code reduce_prod} and
 * {@code cumsum} only accept float outputs, so integer products and scans take exact integer paths instead.
 */
final class Reductions {
    private final Tensors tensors;

    Reductions(Tensors tensors) {
        this.tensors = tensors;
    }

    /** Reduces every element with {@code op} ({@code reduce_sum}, {@code reduce_max}, ...) into shape [1]. */
    TensorPrimitive all(String op, TensorPrimitive tensor) {
        INDArray out = Tensors.alloc(tensor.dtype(), Shape.of(1));
        INDArray flat = LayoutOps.flatten(arr(tensor));
        try {
            return tensors.wrap(Kernel.custom(op).in(flat).out(out).ints(0).bools(true).exec1());
        } finally {
            Tensors.closeTemp(flat, arr(tensor));
        }
    }

    /** Reduces along {@code dim}, keeping it with size 1. */
    TensorPrimitive dim(String op, TensorPrimitive tensor, int dim) {
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape().withDim(dim, 1));
        return tensors.wrap(Kernel.custom(op).in(arr(tensor)).out(out).ints(dim).bools(true).exec1());
    }

    /** Product of all elements, shape [1]. */
    TensorPrimitive prod(TensorPrimitive tensor) {
        if (!tensor.dtype().isInt()) {
            return all("reduce_prod", tensor);
        }
        INDArray flat = LayoutOps.flatten(arr(tensor));
        try {
            return intProd(flat, tensor.dtype(), Shape.of(1), 0);
        } finally {
            Tensors.closeTemp(flat, arr(tensor));
        }
    }

    /** Product along {@code dim}, keeping it with size 1. */
    TensorPrimitive prodDim(TensorPrimitive tensor, int dim) {
        if (!tensor.dtype().isInt()) {
            return dim("reduce_prod", tensor, dim);
        }
        return intProd(arr(tensor), tensor.dtype(), tensor.shape().withDim(dim, 1), dim);
    }

    /**
     * Integer product along {@code dim} by the legacy Prod kernel, which, unlike {@code reduce_prod}, accepts integer
     * outputs and multiplies in the input type: exact, and wrapping on overflow as PyTorch's int64 does.
     */
    private TensorPrimitive intProd(INDArray in, DType dtype, Shape outShape, int dim) {
        if (in.length() == 0) {
            return tensors.wrap(HostTransfer.full(outShape, 1, dtype));
        }
        INDArray out = Tensors.alloc(dtype, outShape);
        return tensors.wrap(Kernel.legacy(new Prod(in, out, true, new int[] {dim})));
    }

    /**
     * First index of the extremum along {@code dim} ({@code argmax} or {@code argmin}), as I64 with the dim kept.
     * libnd4j's arg kernels return wrong indices (or write out of bounds) for non-row-major inputs such as permuted
     * views, so those are made dense first.
     */
    TensorPrimitive argExtremum(String op, TensorPrimitive tensor, int dim) {
        INDArray out = Tensors.alloc(DType.I64, tensor.shape().withDim(dim, 1));
        try (DenseArray in = DenseArray.of(tensor)) {
            return tensors.wrap(Kernel.custom(op).in(in.get()).out(out).ints(dim).bools(true).exec1());
        }
    }

    TensorPrimitive cumsum(TensorPrimitive tensor, int dim) {
        if (tensor.dtype().isInt()) {
            return intCumsum(tensor, dim);
        }
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape());
        if (out.length() == 0) {
            return tensors.wrap(out);
        }
        // iArgs: exclusive = 0, reverse = 0, then the dimension.
        return tensors.wrap(Kernel.custom("cumsum").in(arr(tensor)).out(out).ints(0, 0, dim).exec1());
    }

    /**
     * Integer cumulative sum in long arithmetic on a host copy (host memory anyway on this CPU backend): libnd4j has
     * no integer scan, and a detour through doubles would round values beyond 2^53. I32 sums wrap like int addition.
     */
    private TensorPrimitive intCumsum(TensorPrimitive tensor, int dim) {
        Shape shape = tensor.shape();
        long[] values = HostTransfer.toData(arr(tensor), tensor.dtype()).toLongs();
        int stride = (int) shape.strides()[dim];
        int length = shape.dim(dim);
        // Row-major order visits each element's predecessor along dim (stride positions back) before the element.
        for (int p = 0; p < values.length; p++) {
            if ((p / stride) % length != 0) {
                values[p] += values[p - stride];
            }
        }
        return tensors.wrap(HostTransfer.fromData(TensorData.of(values, shape).convert(tensor.dtype())));
    }

    /**
     * Variance with an arbitrary correction: libnd4j's population variance rescaled by {@code n / (n - correction)},
     * which, like the composed default, yields inf or NaN when {@code n <= correction}. Like the arg kernels,
     * reduce_variance misplaces its results for non-row-major inputs, so those are made dense first.
     */
    TensorPrimitive var(TensorPrimitive tensor, int dim, int correction) {
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape().withDim(dim, 1));
        try (DenseArray in = DenseArray.of(tensor)) {
            Kernel.custom("reduce_variance").in(in.get()).out(out).ints(dim).bools(true, false).exec();
        }
        if (correction != 0) {
            int n = tensor.shape().dim(dim);
            double scale = (double) n / Math.max(0, n - correction);
            Kernel.legacy(new ScalarMultiplication(out, null, out, scale));
        }
        return tensors.wrap(out);
    }

}
