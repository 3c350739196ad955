package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * A tensor a module owns: a trainable {@link Param} or a non-trainable {@link Buffer} (running statistics and other
 * constants that are saved but not optimized). The holder is mutable — optimizers and loaders replace the tensor —
 * while each tensor stays immutable; the holder closes the tensor it replaces.
 *
 * @param <T> the tensor class, which fixes the rank
 */
public abstract sealed class StateTensor<T extends FloatTensor<T, ?, ?>> permits Param, Buffer {
    private volatile T value;

    /** Takes {@code value}, already prepared by the subclass (adopt is not called from a constructor). */
    StateTensor(T value) {
        this.value = TensorScope.unscoped(Objects.requireNonNull(value, "value"));
    }

    /** The current tensor; valid until the next {@link #set}. */
    public final T value() {
        return value;
    }

    /** Replaces the tensor (same shape), closing the previous one. */
    public final synchronized void set(T newValue) {
        Objects.requireNonNull(newValue, "newValue");
        if (!newValue.shape().equals(value.shape())) {
            throw new IllegalArgumentException("set: new value " + newValue.shape() + " does not match " + value.shape());
        }
        T old = value;
        value = adopt(newValue);
        if (old != value) {
            old.close();
        }
    }

    public final Shape shape() {
        return value.shape();
    }

    public final long numel() {
        return value.numel();
    }

    public final Device device() {
        return value.device();
    }

    /** Frees the tensor; the holder must not be used afterwards. */
    final synchronized void close() {
        value.close();
    }

    /** Moves the tensor to {@code device}. */
    final synchronized void moveTo(Device device) {
        if (!value.device().equals(device)) {
            T old = value;
            try (T moved = old.to(device)) {
                value = adopt(moved.detach());
            }
            old.close();
        }
    }

    /** Prepares a tensor for holding: no scope may close it, and subclasses set its gradient tracking. */
    T adopt(T tensor) {
        return TensorScope.unscoped(tensor);
    }
}
