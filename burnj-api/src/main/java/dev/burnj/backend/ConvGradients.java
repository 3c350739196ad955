package dev.burnj.backend;

/** Gradients of a convolution with respect to its input, weight and (nullable) bias; owned by the caller. */
public record ConvGradients(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias) {}
