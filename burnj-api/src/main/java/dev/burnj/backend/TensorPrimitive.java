package dev.burnj.backend;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;

/**
 * A backend's tensor storage handle: what the ops of the {@link Backend} SPI take and return.
 *
 * <p>Values are immutable once created, so a backend may return views that share memory. Memory is
 * reference-counted so that it is freed deterministically, not when the GC gets to it: an op returns a
 * primitive holding one reference owned by the caller; {@link #retain()} adds a reference (autodiff does
 * this to keep inputs for backward) and {@link #release()} drops one. Ops borrow their inputs and never
 * release them.
 */
public interface TensorPrimitive {
    Shape shape();

    DType dtype();

    Device device();

    /** Adds a reference and returns this primitive. */
    TensorPrimitive retain();

    /** Drops a reference; the memory is freed when the last one goes. */
    void release();

    /** True while at least one reference is held. */
    boolean isLive();
}
