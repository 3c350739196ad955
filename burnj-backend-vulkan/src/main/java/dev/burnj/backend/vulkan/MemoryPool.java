package dev.burnj.backend.vulkan;

import static org.lwjgl.system.MemoryStack.stackPush;
import static org.lwjgl.vulkan.VK10.VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
import static org.lwjgl.vulkan.VK10.VK_BUFFER_USAGE_TRANSFER_DST_BIT;
import static org.lwjgl.vulkan.VK10.VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
import static org.lwjgl.vulkan.VK10.VK_SHARING_MODE_EXCLUSIVE;
import static org.lwjgl.vulkan.VK10.VK_WHOLE_SIZE;
import static org.lwjgl.vulkan.VK10.vkAllocateMemory;
import static org.lwjgl.vulkan.VK10.vkBindBufferMemory;
import static org.lwjgl.vulkan.VK10.vkCreateBuffer;
import static org.lwjgl.vulkan.VK10.vkDestroyBuffer;
import static org.lwjgl.vulkan.VK10.vkFreeMemory;
import static org.lwjgl.vulkan.VK10.vkGetBufferMemoryRequirements;
import static org.lwjgl.vulkan.VK10.vkMapMemory;

import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkBufferCreateInfo;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkMemoryAllocateInfo;
import org.lwjgl.vulkan.VkMemoryRequirements;

/**
 * A size-class allocator over one Vulkan memory type. Requests are rounded up to a size class (powers of two from
 * 256 B, quarter steps from 1 MiB); small classes are carved out of large blocks (one {@code vkAllocateMemory} and
 * one {@code VkBuffer} per block), large ones get a dedicated buffer. Freed ranges go to a free list per class and
 * serve the next request of that class, so a steady workload stops allocating device memory after warm-up.
 *
 * <p>Reuse is safe without waiting for the GPU because every access to pooled device memory is ordered on the one
 * queue by barriers; host writes only ever go to staging ranges, which the command stream frees after its fence.
 */
final class MemoryPool {
    private static final int MIN_CLASS_BITS = 8;
    private static final long QUARTER_STEPS_FROM = 1L << 20;

    private final VkDevice device;
    private final int memoryType;
    private final boolean hostVisible;
    private final long blockSize;
    private final long maxAllocation;
    private final String name;
    private final Map<Long, ArrayDeque<Allocation>> free = new HashMap<>();
    private final List<long[]> blocks = new ArrayList<>();
    private final List<Allocation> dedicated = new ArrayList<>();
    private long blockBuffer;
    private long blockMemory;
    private long blockMapped;
    private long blockUsed;
    private long reservedBytes;
    private long inUseBytes;
    private long pooledBytes;
    private long deviceAllocations;

    /**
     * @param maxAllocation the largest range a descriptor may bind ({@code maxStorageBufferRange})
     */
    MemoryPool(VkDevice device, int memoryType, boolean hostVisible, long blockSize, long maxAllocation, String name) {
        this.device = device;
        this.memoryType = memoryType;
        this.hostVisible = hostVisible;
        this.blockSize = blockSize;
        this.maxAllocation = maxAllocation;
        this.name = name;
    }

    /** The size class of a request of {@code bytes}. */
    static long sizeClass(long bytes) {
        long min = 1L << MIN_CLASS_BITS;
        if (bytes <= min) {
            return min;
        }
        long pow = Long.highestOneBit(bytes - 1) << 1;
        if (pow <= QUARTER_STEPS_FROM) {
            return pow;
        }
        long quarter = pow / 8;
        return (bytes + quarter - 1) / quarter * quarter;
    }

    /** A range of at least {@code bytes}, reused from the free list of its class when possible. */
    synchronized Allocation allocate(long bytes) {
        long cls = sizeClass(Math.max(bytes, 1));
        if (cls > maxAllocation) {
            throw new VulkanException("vulkan: a buffer of " + bytes + " bytes exceeds this device's maxStorageBufferRange of " + maxAllocation
                    + " bytes (tensors split across several bindings are not supported yet)");
        }
        ArrayDeque<Allocation> list = free.get(cls);
        Allocation a = list == null ? null : list.pollLast();
        if (a != null) {
            pooledBytes -= a.size;
        } else if (cls <= blockSize / 8) {
            a = carve(cls);
        } else {
            a = dedicated(cls);
        }
        inUseBytes += a.size;
        return a;
    }

    /** Returns {@code a} to its free list. */
    synchronized void free(Allocation a) {
        inUseBytes -= a.size;
        pooledBytes += a.size;
        free.computeIfAbsent(a.size, k -> new ArrayDeque<>()).addLast(a);
    }

    synchronized long reservedBytes() {
        return reservedBytes;
    }

    synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** How many times this pool has called {@code vkAllocateMemory}. */
    synchronized long deviceAllocations() {
        return deviceAllocations;
    }

    synchronized void close() {
        for (Allocation a : dedicated) {
            vkDestroyBuffer(device, a.buffer, null);
            vkFreeMemory(device, a.memory, null);
        }
        for (long[] b : blocks) {
            vkDestroyBuffer(device, b[0], null);
            vkFreeMemory(device, b[1], null);
        }
        dedicated.clear();
        blocks.clear();
        free.clear();
    }

    private Allocation carve(long cls) {
        if (blockBuffer == 0 || blockUsed + cls > blockSize) {
            long[] b = create(blockSize);
            blocks.add(b);
            blockBuffer = b[0];
            blockMemory = b[1];
            blockMapped = b[2];
            blockUsed = 0;
        }
        long offset = blockUsed;
        blockUsed += cls;
        return new Allocation(blockBuffer, blockMemory, offset, cls, blockMapped == 0 ? 0 : blockMapped + offset, false);
    }

    private Allocation dedicated(long cls) {
        long[] b = create(cls);
        Allocation a = new Allocation(b[0], b[1], 0, cls, b[2], true);
        dedicated.add(a);
        return a;
    }

    /** A new buffer of {@code bytes} bound to fresh memory: {buffer, memory, mapped address or 0}. */
    private long[] create(long bytes) {
        try (MemoryStack stack = stackPush()) {
            VkBufferCreateInfo info = VkBufferCreateInfo.calloc(stack).sType$Default().size(bytes)
                    .usage(VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT)
                    .sharingMode(VK_SHARING_MODE_EXCLUSIVE);
            LongBuffer handle = stack.mallocLong(1);
            Vk.check(vkCreateBuffer(device, info, null, handle), "vkCreateBuffer (" + name + ", " + bytes + " bytes)");
            long buffer = handle.get(0);
            VkMemoryRequirements req = VkMemoryRequirements.malloc(stack);
            vkGetBufferMemoryRequirements(device, buffer, req);
            if ((req.memoryTypeBits() & (1 << memoryType)) == 0) {
                vkDestroyBuffer(device, buffer, null);
                throw new VulkanException("vulkan: memory type " + memoryType + " cannot back storage buffers (" + name + ")");
            }
            VkMemoryAllocateInfo alloc = VkMemoryAllocateInfo.calloc(stack).sType$Default().allocationSize(req.size())
                    .memoryTypeIndex(memoryType);
            LongBuffer memory = stack.mallocLong(1);
            int r = vkAllocateMemory(device, alloc, null, memory);
            if (r != 0) {
                vkDestroyBuffer(device, buffer, null);
                throw new VulkanException("vulkan: vkAllocateMemory of " + req.size() + " bytes for the " + name + " pool failed: " + Vk.name(r)
                        + " (" + inUseBytes + " bytes in use, " + pooledBytes + " pooled)");
            }
            deviceAllocations++;
            Vk.check(vkBindBufferMemory(device, buffer, memory.get(0), 0), "vkBindBufferMemory");
            long mapped = 0;
            if (hostVisible) {
                PointerBuffer p = stack.mallocPointer(1);
                Vk.check(vkMapMemory(device, memory.get(0), 0, VK_WHOLE_SIZE, 0, p), "vkMapMemory");
                mapped = p.get(0);
            }
            reservedBytes += bytes;
            return new long[] {buffer, memory.get(0), mapped};
        }
    }
}
