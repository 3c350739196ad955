package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * Non-trainable module state that is saved and loaded with the parameters but never optimized, such as
 * batch-norm running statistics (PyTorch's registered buffers). Never tracks gradients.
 *
 * @param <T> the tensor class, which fixes the rank
 */
public final class Buffer<T extends FloatTensor<T, ?, ?>> extends StateTensor<T> {
    private Buffer(T value) {
        super(value.requiresGrad() ? detachAndClose(value) : value);
    }

    /** A buffer holding {@code value}; the buffer takes ownership of the tensor. */
    public static <T extends FloatTensor<T, ?, ?>> Buffer<T> of(T value) {
        return new Buffer<>(value);
    }

    @Override
    T adopt(T tensor) {
        T untracked = tensor.requiresGrad() ? detachAndClose(tensor) : tensor;
        return super.adopt(untracked);
    }

    private static <T extends FloatTensor<T, ?, ?>> T detachAndClose(T tensor) {
        try (tensor) {
            return tensor.detach();
        }
    }

    @Override
    public String toString() {
        return "Buffer" + shape();
    }
}
