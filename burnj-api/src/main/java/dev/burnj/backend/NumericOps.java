package dev.burnj.backend;

/**
 * Arithmetic, reductions and ordering shared by the numeric kinds (float and int). Integer {@code div} is
 * floor division, as PyTorch's {@code floor_divide}. Reductions over one dimension keep it with size 1;
 * reductions over everything return shape {@code [1]}. See {@link TensorOps} for the contract.
 */
public interface NumericOps extends TensorOps {
    TensorPrimitive add(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive sub(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive mul(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive addScalar(TensorPrimitive lhs, double rhs);

    default TensorPrimitive subScalar(TensorPrimitive lhs, double rhs) {
        return addScalar(lhs, -rhs);
    }

    TensorPrimitive mulScalar(TensorPrimitive lhs, double rhs);

    TensorPrimitive divScalar(TensorPrimitive lhs, double rhs);

    /** {@code lhs - tensor}, elementwise. */
    default TensorPrimitive rsubScalar(TensorPrimitive tensor, double lhs) {
        TensorPrimitive negated = neg(tensor);
        try {
            return addScalar(negated, lhs);
        } finally {
            negated.release();
        }
    }

    default TensorPrimitive neg(TensorPrimitive tensor) {
        return mulScalar(tensor, -1.0);
    }

    TensorPrimitive abs(TensorPrimitive tensor);

    /** -1, 0 or 1. */
    TensorPrimitive sign(TensorPrimitive tensor);

    /** Clamps into {@code [min, max]}; either bound may be infinite. */
    TensorPrimitive clamp(TensorPrimitive tensor, double min, double max);

    /** Elementwise maximum of two tensors (broadcasting). */
    TensorPrimitive maximum(TensorPrimitive lhs, TensorPrimitive rhs);

    /** Elementwise minimum of two tensors (broadcasting). */
    TensorPrimitive minimum(TensorPrimitive lhs, TensorPrimitive rhs);

    /** Sum of all elements, shape {@code [1]}. */
    TensorPrimitive sum(TensorPrimitive tensor);

    TensorPrimitive sumDim(TensorPrimitive tensor, int dim);

    /** Product of all elements, shape {@code [1]}. */
    TensorPrimitive prod(TensorPrimitive tensor);

    TensorPrimitive prodDim(TensorPrimitive tensor, int dim);

    /** Largest element, shape {@code [1]}. */
    TensorPrimitive max(TensorPrimitive tensor);

    TensorPrimitive maxDim(TensorPrimitive tensor, int dim);

    /** Smallest element, shape {@code [1]}. */
    TensorPrimitive min(TensorPrimitive tensor);

    TensorPrimitive minDim(TensorPrimitive tensor, int dim);

    /** Index (I64) of the first largest element along {@code dim}. */
    TensorPrimitive argmax(TensorPrimitive tensor, int dim);

    /** Index (I64) of the first smallest element along {@code dim}. */
    TensorPrimitive argmin(TensorPrimitive tensor, int dim);

    /** Inclusive cumulative sum along {@code dim}. */
    TensorPrimitive cumsum(TensorPrimitive tensor, int dim);

    /**
     * Indices (I64) that sort {@code tensor} along {@code dim}; stable, so equal elements keep their order.
     */
    TensorPrimitive argsort(TensorPrimitive tensor, int dim, boolean descending);

    /** Values sorted along {@code dim} (stable). */
    default TensorPrimitive sort(TensorPrimitive tensor, int dim, boolean descending) {
        TensorPrimitive indices = argsort(tensor, dim, descending);
        try {
            return gather(tensor, dim, indices);
        } finally {
            indices.release();
        }
    }

    /** Matrix product over the last two dims, broadcasting the batch dims. */
    TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs);
}
