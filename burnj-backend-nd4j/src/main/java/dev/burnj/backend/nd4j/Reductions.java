package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;

/**
 * Sums, products, extrema, arg-extrema, means, variances and cumulative sums via libnd4j's reduce kernels. Dim
 * reductions keep the dim; full reductions return shape {@code [1]}.
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

    /** First index of the extremum along {@code dim} ({@code argmax} or {@code argmin}), as I64 with the dim kept. */
    TensorPrimitive argExtremum(String op, TensorPrimitive tensor, int dim) {
        INDArray out = Tensors.alloc(DType.I64, tensor.shape().withDim(dim, 1));
        return tensors.wrap(Kernel.custom(op).in(arr(tensor)).out(out).ints(dim).bools(true).exec1());
    }

    TensorPrimitive cumsum(TensorPrimitive tensor, int dim) {
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape());
        if (out.length() == 0) {
            return tensors.wrap(out);
        }
        // iArgs: exclusive = 0, reverse = 0, then the dimension.
        return tensors.wrap(Kernel.custom("cumsum").in(arr(tensor)).out(out).ints(0, 0, dim).exec1());
    }

    /**
     * Variance with an arbitrary correction: libnd4j's population variance rescaled by {@code n / (n - correction)},
     * which, like the composed default, yields inf or NaN when {@code n <= correction}.
     */
    TensorPrimitive var(TensorPrimitive tensor, int dim, int correction) {
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape().withDim(dim, 1));
        Kernel.custom("reduce_variance").in(arr(tensor)).out(out).ints(dim).bools(true, false).exec();
        if (correction != 0) {
            int n = tensor.shape().dim(dim);
            double scale = (double) n / Math.max(0, n - correction);
            Kernel.legacy(new ScalarMultiplication(out, null, out, scale));
        }
        return tensors.wrap(out);
    }

}
