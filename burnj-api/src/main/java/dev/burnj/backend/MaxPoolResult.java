package dev.burnj.backend;

/**
 * Max pooling output and, for each output element, the flat index of the chosen input element within its
 * spatial plane (PyTorch's convention), as I64. Both are owned by the caller.
 */
public record MaxPoolResult(TensorPrimitive values, TensorPrimitive indices) {}
