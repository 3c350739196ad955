package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;

/**
 * Non-trainable module state that is saved and loaded with the parameters but never optimized, such as
 * batch-norm running statistics (PyTorch's registered buffers). Never tracks gradients.
 *
 * @param <T> the tensor class, which fixes the rank
 */
public final class Buffer<T extends FloatTensor<T, ?, ?>> extends StateTensor<T> {
    private final boolean counter;

    private Buffer(T value, boolean counter) {
        super(value.requiresGrad() ? detachAndClose(value) : value);
        this.counter = counter;
    }

    /** A buffer holding {@code value}; the buffer takes ownership of the tensor. */
    public static <T extends FloatTensor<T, ?, ?>> Buffer<T> of(T value) {
        return new Buffer<>(value, false);
    }

    /**
     * A buffer counting something (BatchNorm's {@code num_batches_tracked}): a one-element float tensor here, which
     * {@code dev.burnj.record.ModuleRecord} saves as PyTorch holds such counters, an int64 scalar of shape {@code []}.
     */
    public static Buffer<Tensor1> counter(Tensor1 value) {
        if (!value.shape().equals(Shape.of(1))) {
            throw new IllegalArgumentException("Buffer.counter: expected a one-element tensor of shape [1], got " + value.shape());
        }
        return new Buffer<>(value, true);
    }

    /** Whether this buffer is a {@linkplain #counter counter}, saved as an integer scalar. */
    public boolean isCounter() {
        return counter;
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
