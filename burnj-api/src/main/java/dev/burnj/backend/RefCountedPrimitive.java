package dev.burnj.backend;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base class for backends' primitives: shape, dtype, device and a thread-safe reference count that calls
 * {@link #free()} exactly once when the last reference is released.
 */
public abstract class RefCountedPrimitive implements TensorPrimitive {
    private final Shape shape;
    private final DType dtype;
    private final Device device;
    private final AtomicInteger refs = new AtomicInteger(1);

    protected RefCountedPrimitive(Shape shape, DType dtype, Device device) {
        this.shape = shape;
        this.dtype = dtype;
        this.device = device;
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final Device device() {
        return device;
    }

    @Override
    public final TensorPrimitive retain() {
        int prev;
        do {
            prev = refs.get();
            if (prev <= 0) {
                throw new IllegalStateException("tensor " + shape + " " + dtype + " was already freed; it cannot be used again");
            }
        } while (!refs.compareAndSet(prev, prev + 1));
        return this;
    }

    @Override
    public final void release() {
        int left = refs.decrementAndGet();
        if (left == 0) {
            free();
        } else if (left < 0) {
            throw new IllegalStateException("tensor " + shape + " " + dtype + " released more often than retained");
        }
    }

    @Override
    public final boolean isLive() {
        return refs.get() > 0;
    }

    /** The number of references now held: 1 means that whoever passed this primitive in holds the only one. */
    protected final int references() {
        return refs.get();
    }

    /** Throws a clear error when an op is handed a freed tensor. */
    protected final void checkLive() {
        if (refs.get() <= 0) {
            throw new IllegalStateException("tensor " + shape + " " + dtype + " was already freed; it cannot be used again");
        }
    }

    /** Frees the memory; called once, when the count drops to zero. */
    protected abstract void free();
}
