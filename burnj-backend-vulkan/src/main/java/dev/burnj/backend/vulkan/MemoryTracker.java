package dev.burnj.backend.vulkan;

import java.util.concurrent.atomic.AtomicLong;

/** Counts live tensors and the bytes of the device ranges they keep alive, for {@link VulkanBackend#memoryStats()}. */
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

    long tensors() {
        return tensors.get();
    }

    long bytes() {
        return bytes.get();
    }
}
