package dev.burnj.backend;

/** Ops that exist only for integer tensors. */
public interface IntOps extends NumericOps {
    /** Floor modulo ({@code a - floor(a / b) * b}); the result has the sign of the divisor, as in PyTorch. */
    TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs);

    /** Floor modulo by a scalar. */
    TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs);
}
