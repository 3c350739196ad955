package dev.burnj.backend;

/**
 * Gradients computed by one backward pass, keyed by the leaf tensors that required them. Gradients are
 * untracked tensors on the leaf's device. Closing releases the gradients still held.
 */
public interface Gradients extends AutoCloseable {
    /** A new reference to the gradient of {@code tensor}, or null if it received none. */
    TensorPrimitive get(TensorPrimitive tensor);

    /** Removes the gradient of {@code tensor} and hands over its reference, or returns null. */
    TensorPrimitive remove(TensorPrimitive tensor);

    /** The number of gradients held. */
    int size();

    @Override
    void close();
}
