package dev.burnj.backend.cpu;

import dev.burnj.backend.MemoryCounter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One aligned native allocation, shared by the tensors that view it (a reshape, a transpose, a slice) and returned to
 * the {@link BlockPool} (or freed) when the last of them is released. Reference-counted separately from the tensors:
 * a view is a tensor of its own with a count of its own, holding one reference to the block.
 */
final class Block {
    private final long raw;
    private final long address;
    private final long bytes;
    private final long capacity;
    private final MemoryCounter counter;
    private final AtomicInteger refs = new AtomicInteger(1);

    private Block(long raw, long bytes, long capacity, MemoryCounter counter) {
        this.raw = raw;
        this.address = NativeMemory.align(raw);
        this.bytes = bytes;
        this.capacity = capacity;
        this.counter = counter;
    }

    /**
     * A block of at least {@code bytes} (uninitialised, possibly reused from {@link BlockPool}), holding one reference
     * owned by the caller.
     */
    static Block allocate(long bytes, MemoryCounter counter) {
        long capacity = BlockPool.capacity(Math.max(bytes, 1));
        long raw = BlockPool.SHARED.take(capacity);
        if (raw == 0) {
            try {
                raw = NativeMemory.allocateRaw(capacity);
            } catch (OutOfMemoryError e) {
                throw new OutOfMemoryError("cpu: cannot allocate " + bytes + " bytes of native memory for a tensor");
            }
        }
        counter.bufferAllocated(bytes);
        return new Block(raw, bytes, capacity, counter);
    }

    long address() {
        return address;
    }

    long bytes() {
        return bytes;
    }

    /** Whether exactly one tensor refers to this block. */
    boolean unshared() {
        return refs.get() == 1;
    }

    void retain() {
        if (refs.getAndIncrement() <= 0) {
            throw new IllegalStateException("cpu: a freed memory block was retained");
        }
    }

    void release() {
        int left = refs.decrementAndGet();
        if (left == 0) {
            counter.bufferFreed(bytes);
            BlockPool.SHARED.give(raw, capacity);
        } else if (left < 0) {
            throw new IllegalStateException("cpu: a memory block was released more often than retained");
        }
    }
}
