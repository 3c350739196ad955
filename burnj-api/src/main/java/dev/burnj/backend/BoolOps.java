package dev.burnj.backend;

/** Logical ops on BOOL tensors (binary ops broadcast). */
public interface BoolOps extends TensorOps {
    TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive not(TensorPrimitive tensor);

    default TensorPrimitive xor(TensorPrimitive lhs, TensorPrimitive rhs) {
        return compare(lhs, rhs, Comparison.NE);
    }

    /** True if any element is true, shape {@code [1]}. */
    TensorPrimitive any(TensorPrimitive tensor);

    /** True if every element is true, shape {@code [1]}. */
    TensorPrimitive all(TensorPrimitive tensor);
}
