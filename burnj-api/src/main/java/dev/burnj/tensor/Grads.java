package dev.burnj.tensor;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import java.util.Optional;

/**
 * The gradients of one backward pass, looked up by the leaf tensors that required them. Each lookup returns a
 * new untracked tensor on the leaf's device. Close it (or let a {@link TensorScope} do so) to free the
 * gradients not taken.
 */
public final class Grads implements AutoCloseable {
    private final Gradients gradients;

    Grads(Gradients gradients) {
        this.gradients = gradients;
    }

    /**
     * The gradient of {@code tensor}.
     *
     * @throws IllegalArgumentException if the tensor received none (it did not require grad, or the loss does not
     *     depend on it)
     */
    public <T extends FloatTensor<T, ?, ?>> T get(T tensor) {
        return find(tensor).orElseThrow(() -> new IllegalArgumentException("no gradient for tensor " + tensor.shape()
                + ": it was not marked with requireGrad(), or the loss does not depend on it"));
    }

    /** The gradient of {@code tensor}, if it received one. */
    public <T extends FloatTensor<T, ?, ?>> Optional<T> find(T tensor) {
        TensorPrimitive g = gradients.get(tensor.primitive());
        return g == null ? Optional.empty() : Optional.of(tensor.wrap(g));
    }

    /** Removes and returns the gradient of {@code tensor}, freeing the container's reference. */
    public <T extends FloatTensor<T, ?, ?>> Optional<T> remove(T tensor) {
        TensorPrimitive g = gradients.remove(tensor.primitive());
        return g == null ? Optional.empty() : Optional.of(tensor.wrap(g));
    }

    /** The number of gradients held. */
    public int size() {
        return gradients.size();
    }

    /** The SPI-level container, for optimizers working on primitives. */
    public Gradients gradients() {
        return gradients;
    }

    @Override
    public void close() {
        gradients.close();
    }
}
