package dev.burnj.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a backend's live tensors and the bytes of the buffers they keep alive, for {@link Backend#memoryStats()}.
 * Thread-safe; backends call it from tensor creation and release, whichever thread frees the tensor.
 */
public final class MemoryCounter {
    private final AtomicLong tensors = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public void tensorCreated() {
        tensors.incrementAndGet();
    }

    public void tensorFreed() {
        tensors.decrementAndGet();
    }

    public void bufferAllocated(long size) {
        bytes.addAndGet(size);
    }

    public void bufferFreed(long size) {
        bytes.addAndGet(-size);
    }

    public long tensors() {
        return tensors.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** The counts now, with {@code pooledBytes} held by the backend's allocator for reuse (-1 if unknown). */
    public MemoryStats snapshot(long pooledBytes) {
        return new MemoryStats(tensors.get(), bytes.get(), pooledBytes);
    }
}
