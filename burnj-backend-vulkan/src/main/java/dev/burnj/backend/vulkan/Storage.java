package dev.burnj.backend.vulkan;

import dev.burnj.backend.MemoryCounter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pooled device range shared by a tensor and its views (reshape, permute, slice, expand, flip), with its own
 * count of users: the last view to go returns the range to the {@link MemoryPool}.
 */
final class Storage {
    final Gpu gpu;
    final Allocation allocation;
    private final MemoryCounter tracker;
    private final AtomicInteger users = new AtomicInteger(1);

    Storage(Gpu gpu, Allocation allocation, MemoryCounter tracker) {
        this.gpu = gpu;
        this.allocation = allocation;
        this.tracker = tracker;
        tracker.bufferAllocated(allocation.size);
    }

    Storage share() {
        users.incrementAndGet();
        return this;
    }

    void release() {
        if (users.decrementAndGet() == 0) {
            tracker.bufferFreed(allocation.size);
            gpu.tensors.free(allocation);
        }
    }
}
