package dev.burnj.backend.nd4j;

import dev.burnj.backend.MemoryStats;
import java.util.concurrent.atomic.AtomicLong;

/** Counts live tensors and the native bytes of the buffers they keep alive, for {@link Nd4jBackend#memoryStats()}. */
final class MemoryTracker {
    private final AtomicLong tensors = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void tensorCreated() {
        tensors.incrementAndGet();
    }

    void tensorFreed() {
        tensors.decrementAndGet();
    }

    void bufferAllocated(long size) {
        bytes.addAndGet(size);
    }

    void bufferFreed(long size) {
        bytes.addAndGet(-size);
    }

    MemoryStats snapshot() {
        return new MemoryStats(tensors.get(), bytes.get(), ArrayPool.SHARED.pooledBytes());
    }
}
