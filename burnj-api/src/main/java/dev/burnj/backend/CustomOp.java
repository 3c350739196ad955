package dev.burnj.backend;

import java.util.List;

/**
 * A differentiable op defined by its forward and backward (PyTorch's {@code autograd.Function}). Both run on
 * the backend under the autodiff decorator with untracked tensors; neither releases its inputs.
 */
public interface CustomOp {
    /** A short name for error messages and graph dumps. */
    String name();

    /** Computes the output from the inputs. */
    TensorPrimitive forward(Backend backend, List<TensorPrimitive> inputs);

    /**
     * Gradients for each input (null for an input that gets none) given the output and its gradient. Returned
     * tensors are owned by the caller and have the inputs' shapes.
     */
    List<TensorPrimitive> backward(Backend backend, List<TensorPrimitive> inputs, TensorPrimitive output, TensorPrimitive outputGrad);
}
