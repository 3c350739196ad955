package dev.burnj.backend.vulkan;

/**
 * A range of one pooled {@code VkBuffer}: what a tensor's storage, a staging copy or a kernel's parameters live in.
 * {@code size} is the size class (what descriptors bind), {@code mapped} the host address of the range's first
 * byte when the memory is host-visible, else 0.
 */
final class Allocation {
    final long buffer;
    final long offset;
    final long size;
    final long mapped;
    final boolean dedicated;
    final long memory;

    Allocation(long buffer, long memory, long offset, long size, long mapped, boolean dedicated) {
        this.buffer = buffer;
        this.memory = memory;
        this.offset = offset;
        this.size = size;
        this.mapped = mapped;
        this.dedicated = dedicated;
    }

    boolean hostVisible() {
        return mapped != 0;
    }
}
