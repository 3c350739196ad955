package dev.burnj.backend.vulkan;

import static org.lwjgl.system.MemoryStack.stackPush;
import static org.lwjgl.vulkan.VK10.VK_ACCESS_HOST_READ_BIT;
import static org.lwjgl.vulkan.VK10.VK_ACCESS_SHADER_READ_BIT;
import static org.lwjgl.vulkan.VK10.VK_ACCESS_SHADER_WRITE_BIT;
import static org.lwjgl.vulkan.VK10.VK_ACCESS_TRANSFER_READ_BIT;
import static org.lwjgl.vulkan.VK10.VK_ACCESS_TRANSFER_WRITE_BIT;
import static org.lwjgl.vulkan.VK10.VK_COMMAND_BUFFER_LEVEL_PRIMARY;
import static org.lwjgl.vulkan.VK10.VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
import static org.lwjgl.vulkan.VK10.VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
import static org.lwjgl.vulkan.VK10.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
import static org.lwjgl.vulkan.VK10.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC;
import static org.lwjgl.vulkan.VK10.VK_PIPELINE_BIND_POINT_COMPUTE;
import static org.lwjgl.vulkan.VK10.VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT;
import static org.lwjgl.vulkan.VK10.VK_PIPELINE_STAGE_HOST_BIT;
import static org.lwjgl.vulkan.VK10.VK_PIPELINE_STAGE_TRANSFER_BIT;
import static org.lwjgl.vulkan.VK10.VK_TIMEOUT;
import static org.lwjgl.vulkan.VK10.vkAllocateCommandBuffers;
import static org.lwjgl.vulkan.VK10.vkAllocateDescriptorSets;
import static org.lwjgl.vulkan.VK10.vkBeginCommandBuffer;
import static org.lwjgl.vulkan.VK10.vkCmdBindDescriptorSets;
import static org.lwjgl.vulkan.VK10.vkCmdBindPipeline;
import static org.lwjgl.vulkan.VK10.vkCmdCopyBuffer;
import static org.lwjgl.vulkan.VK10.vkCmdDispatch;
import static org.lwjgl.vulkan.VK10.vkCmdPipelineBarrier;
import static org.lwjgl.vulkan.VK10.vkCreateCommandPool;
import static org.lwjgl.vulkan.VK10.vkCreateDescriptorPool;
import static org.lwjgl.vulkan.VK10.vkCreateFence;
import static org.lwjgl.vulkan.VK10.vkDestroyCommandPool;
import static org.lwjgl.vulkan.VK10.vkDestroyDescriptorPool;
import static org.lwjgl.vulkan.VK10.vkDestroyFence;
import static org.lwjgl.vulkan.VK10.vkEndCommandBuffer;
import static org.lwjgl.vulkan.VK10.vkQueueSubmit;
import static org.lwjgl.vulkan.VK10.vkResetCommandBuffer;
import static org.lwjgl.vulkan.VK10.vkResetDescriptorPool;
import static org.lwjgl.vulkan.VK10.vkResetFences;
import static org.lwjgl.vulkan.VK10.vkUpdateDescriptorSets;
import static org.lwjgl.vulkan.VK10.vkWaitForFences;

import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.vulkan.VkBufferCopy;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkCommandBufferAllocateInfo;
import org.lwjgl.vulkan.VkCommandBufferBeginInfo;
import org.lwjgl.vulkan.VkCommandPoolCreateInfo;
import org.lwjgl.vulkan.VkDescriptorBufferInfo;
import org.lwjgl.vulkan.VkDescriptorPoolCreateInfo;
import org.lwjgl.vulkan.VkDescriptorPoolSize;
import org.lwjgl.vulkan.VkDescriptorSetAllocateInfo;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkFenceCreateInfo;
import org.lwjgl.vulkan.VkMemoryBarrier;
import org.lwjgl.vulkan.VkQueue;
import org.lwjgl.vulkan.VkSubmitInfo;
import org.lwjgl.vulkan.VkWriteDescriptorSet;

/**
 * Records ops into command buffers and submits them in batches on the device's one compute queue. Nothing waits
 * for the GPU until the host needs a value ({@link #finish()}, called by reads): a batch is submitted when it holds
 * {@value #OPS_PER_BATCH} commands or about {@value #WORK_PER_BATCH} units of work (an op's estimate of its
 * multiply-adds or element updates), and the stream keeps at most {@value #MAX_IN_FLIGHT} submitted batches before
 * it waits for the oldest. Counting work keeps the host at most a few heavy ops (a large GEMM) ahead of the device,
 * while thousands of tiny ops still share a few submissions. A global memory barrier after every command orders each op after the ones it reads.
 *
 * <p>Each batch owns an arena of host-visible memory for kernel parameters and the staging ranges of its uploads,
 * which go back to the host pool once its fence signals. Descriptor sets are cached by kernel layout and bound
 * ranges: the parameters are bound as a dynamic storage buffer whose offset is given at bind time, so repeated
 * dispatches on the same (pooled, hence recurring) buffers reuse one set without allocating or updating it. When
 * the cache's pool is full the stream waits for the device once and starts the cache afresh.
 */
final class CommandStream {
    static final int OPS_PER_BATCH = 256;
    static final int MAX_IN_FLIGHT = 3;
    static final long WORK_PER_BATCH = 1L << 26;
    private static final int MAX_BINDINGS = 8;
    private static final long PARAM_ARENA = 64 * 1024;
    /** The range the parameter binding covers from its dynamic offset; no kernel takes more parameters. */
    private static final long PARAM_RANGE = 4 * 1024;
    private static final int MAX_CACHED_SETS = 4096;

    private final VkDevice device;
    private final VkQueue queue;
    private final MemoryPool host;
    private final long alignment;
    private final long commandPool;
    private final ArrayDeque<Batch> idle = new ArrayDeque<>();
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private final Map<SetKey, Long> sets = new HashMap<>();
    private final long descriptorPool;
    private Batch current;
    private long setsCreated;
    private long submissions;
    private long waits;

    /** What a cached descriptor set binds: the layout, then (buffer, offset, range) per binding. */
    private record SetKey(long layout, long[] ranges) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SetKey k && k.layout == layout && Arrays.equals(k.ranges, ranges);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(layout) * 31 + Arrays.hashCode(ranges);
        }
    }

    /** One command buffer with everything that must live until it has run. */
    private final class Batch {
        final VkCommandBuffer commands;
        final long fence;
        final List<Allocation> hostRanges = new ArrayList<>();
        Allocation params;
        long paramsUsed;
        int ops;
        long work;

        Batch() {
            try (MemoryStack stack = stackPush()) {
                PointerBuffer pb = stack.mallocPointer(1);
                VkCommandBufferAllocateInfo ai = VkCommandBufferAllocateInfo.calloc(stack).sType$Default().commandPool(commandPool)
                        .level(VK_COMMAND_BUFFER_LEVEL_PRIMARY).commandBufferCount(1);
                Vk.check(vkAllocateCommandBuffers(device, ai, pb), "vkAllocateCommandBuffers");
                commands = new VkCommandBuffer(pb.get(0), device);
                LongBuffer lb = stack.mallocLong(1);
                Vk.check(vkCreateFence(device, VkFenceCreateInfo.calloc(stack).sType$Default(), null, lb), "vkCreateFence");
                fence = lb.get(0);
            }
        }
    }

    CommandStream(VkDevice device, VkQueue queue, int queueFamily, MemoryPool host, long alignment) {
        this.device = device;
        this.queue = queue;
        this.host = host;
        this.alignment = Math.max(16, alignment);
        try (MemoryStack stack = stackPush()) {
            VkCommandPoolCreateInfo info = VkCommandPoolCreateInfo.calloc(stack).sType$Default()
                    .flags(VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT).queueFamilyIndex(queueFamily);
            LongBuffer lb = stack.mallocLong(1);
            Vk.check(vkCreateCommandPool(device, info, null, lb), "vkCreateCommandPool");
            commandPool = lb.get(0);
            VkDescriptorPoolSize.Buffer sizes = VkDescriptorPoolSize.calloc(2, stack);
            sizes.get(0).type(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER).descriptorCount(MAX_CACHED_SETS * MAX_BINDINGS);
            sizes.get(1).type(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC).descriptorCount(MAX_CACHED_SETS);
            VkDescriptorPoolCreateInfo pi = VkDescriptorPoolCreateInfo.calloc(stack).sType$Default().maxSets(MAX_CACHED_SETS).pPoolSizes(sizes);
            Vk.check(vkCreateDescriptorPool(device, pi, null, lb), "vkCreateDescriptorPool");
            descriptorPool = lb.get(0);
        }
    }

    /** Records {@code kernel} over {@code groups} workgroups, binding {@code params} then {@code buffers}. */
    synchronized void dispatch(Kernel kernel, int[] params, Allocation[] buffers, int groupsX, int groupsY, int groupsZ) {
        dispatch(kernel, params, buffers, groupsX, groupsY, groupsZ, (long) groupsX * groupsY * groupsZ * 64);
    }

    /** {@link #dispatch(Kernel, int[], Allocation[], int, int, int)} for an op that does about {@code work} units of work. */
    synchronized void dispatch(Kernel kernel, int[] params, Allocation[] buffers, int groupsX, int groupsY, int groupsZ, long work) {
        if (buffers.length + 1 != kernel.bindings()) {
            throw new IllegalArgumentException("kernel " + kernel.name() + " has " + kernel.bindings() + " bindings, given " + (buffers.length + 1));
        }
        if (groupsX == 0 || groupsY == 0 || groupsZ == 0) {
            return;
        }
        long paramBytes = Math.max(4L, params.length * 4L);
        if (paramBytes > PARAM_RANGE || buffers.length > MAX_BINDINGS) {
            throw new IllegalArgumentException("kernel " + kernel.name() + ": " + params.length + " parameters, " + buffers.length + " buffers");
        }
        if (sets.size() >= MAX_CACHED_SETS) {
            clearDescriptorCache();
        }
        Batch b = batch();
        if (b.params == null || b.paramsUsed + PARAM_RANGE > b.params.size) {
            b.params = host.allocate(PARAM_ARENA);
            b.hostRanges.add(b.params);
            b.paramsUsed = 0;
        }
        long paramOffset = b.paramsUsed;
        for (int i = 0; i < params.length; i++) {
            MemoryUtil.memPutInt(b.params.mapped + paramOffset + 4L * i, params[i]);
        }
        b.paramsUsed = (paramOffset + paramBytes + alignment - 1) / alignment * alignment;
        long[] ranges = new long[3 * kernel.bindings()];
        ranges[0] = b.params.buffer;
        ranges[1] = b.params.offset;
        ranges[2] = PARAM_RANGE;
        for (int i = 0; i < buffers.length; i++) {
            ranges[3 * i + 3] = buffers[i].buffer;
            ranges[3 * i + 4] = buffers[i].offset;
            ranges[3 * i + 5] = buffers[i].size;
        }
        SetKey key = new SetKey(kernel.setLayout(), ranges);
        Long set = sets.get(key);
        try (MemoryStack stack = stackPush()) {
            if (set == null) {
                set = createSet(stack, kernel, ranges);
                sets.put(key, set);
            }
            vkCmdBindPipeline(b.commands, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
            vkCmdBindDescriptorSets(b.commands, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipelineLayout(), 0, stack.longs(set),
                    stack.ints((int) paramOffset));
            vkCmdDispatch(b.commands, groupsX, groupsY, groupsZ);
            barrier(b.commands, stack, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT);
        }
        recorded(b, work);
    }

    private long createSet(MemoryStack stack, Kernel kernel, long[] ranges) {
        VkDescriptorSetAllocateInfo ai = VkDescriptorSetAllocateInfo.calloc(stack).sType$Default().descriptorPool(descriptorPool)
                .pSetLayouts(stack.longs(kernel.setLayout()));
        LongBuffer out = stack.mallocLong(1);
        Vk.check(vkAllocateDescriptorSets(device, ai, out), "vkAllocateDescriptorSets");
        VkWriteDescriptorSet.Buffer writes = VkWriteDescriptorSet.calloc(kernel.bindings(), stack);
        for (int i = 0; i < kernel.bindings(); i++) {
            VkDescriptorBufferInfo.Buffer info = VkDescriptorBufferInfo.calloc(1, stack);
            info.get(0).buffer(ranges[3 * i]).offset(ranges[3 * i + 1]).range(ranges[3 * i + 2]);
            writes.get(i).sType$Default().dstSet(out.get(0)).dstBinding(i).descriptorCount(1)
                    .descriptorType(i == 0 ? VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER).pBufferInfo(info);
        }
        vkUpdateDescriptorSets(device, writes, null);
        setsCreated++;
        return out.get(0);
    }

    /** Waits for pending work (which may bind cached sets), then empties the descriptor-set cache. */
    synchronized void clearDescriptorCache() {
        finish();
        Vk.check(vkResetDescriptorPool(device, descriptorPool, 0), "vkResetDescriptorPool");
        sets.clear();
    }

    /** Descriptor sets created so far (cache misses). */
    synchronized long setsCreated() {
        return setsCreated;
    }

    /** Records a copy of {@code bytes} from {@code src} to {@code dst} (range starts plus byte offsets). */
    synchronized void copy(Allocation src, long srcOffset, Allocation dst, long dstOffset, long bytes) {
        if (bytes == 0) {
            return;
        }
        Batch b = batch();
        try (MemoryStack stack = stackPush()) {
            VkBufferCopy.Buffer region = VkBufferCopy.calloc(1, stack);
            region.get(0).srcOffset(src.offset + srcOffset).dstOffset(dst.offset + dstOffset).size(bytes);
            vkCmdCopyBuffer(b.commands, src.buffer, dst.buffer, region);
            barrier(b.commands, stack, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT);
        }
        recorded(b, bytes / 4);
    }

    /**
     * A host-visible staging range of {@code bytes} that lives until the current batch has run: the caller fills it
     * and records a copy from it in the same batch.
     */
    synchronized Allocation stagingForUpload(long bytes) {
        Batch b = batch();
        Allocation a = host.allocate(bytes);
        b.hostRanges.add(a);
        return a;
    }

    /** Submits the current batch without waiting for it. */
    synchronized void submit() {
        if (current == null || current.ops == 0) {
            return;
        }
        Batch b = current;
        current = null;
        try (MemoryStack stack = stackPush()) {
            // Makes every write of the batch visible to host reads after the fence.
            barrier(b.commands, stack, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
            Vk.check(vkEndCommandBuffer(b.commands), "vkEndCommandBuffer");
            VkSubmitInfo submit = VkSubmitInfo.calloc(stack).sType$Default().pCommandBuffers(stack.pointers(b.commands));
            Vk.check(vkQueueSubmit(queue, submit, b.fence), "vkQueueSubmit");
        }
        submissions++;
        inFlight.addLast(b);
        while (inFlight.size() > MAX_IN_FLIGHT) {
            retire(inFlight.pollFirst());
        }
    }

    /** Submits pending work and waits until the device has run all of it. */
    synchronized void finish() {
        submit();
        while (!inFlight.isEmpty()) {
            retire(inFlight.pollFirst());
        }
    }

    /** Batches submitted so far. */
    synchronized long submissions() {
        return submissions;
    }

    /** Times the host waited for a fence. */
    synchronized long waits() {
        return waits;
    }

    /** Commands recorded but not yet submitted. */
    synchronized int pending() {
        return current == null ? 0 : current.ops;
    }

    synchronized void close() {
        finish();
        for (Batch b : idle) {
            vkDestroyFence(device, b.fence, null);
        }
        idle.clear();
        vkDestroyDescriptorPool(device, descriptorPool, null);
        sets.clear();
        vkDestroyCommandPool(device, commandPool, null);
    }

    private Batch batch() {
        if (current == null) {
            Batch b = idle.isEmpty() ? new Batch() : idle.pollFirst();
            try (MemoryStack stack = stackPush()) {
                Vk.check(vkBeginCommandBuffer(b.commands, VkCommandBufferBeginInfo.calloc(stack).sType$Default()
                        .flags(VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT)), "vkBeginCommandBuffer");
            }
            current = b;
        }
        return current;
    }

    private void recorded(Batch b, long work) {
        b.ops++;
        b.work += work;
        if (b.ops >= OPS_PER_BATCH || b.work >= WORK_PER_BATCH) {
            submit();
        }
    }

    /** Waits for {@code b}'s fence, frees what it held and keeps it for reuse. */
    private void retire(Batch b) {
        waits++;
        int r;
        do {
            r = vkWaitForFences(device, b.fence, true, Long.MAX_VALUE);
        } while (r == VK_TIMEOUT);
        Vk.check(r, "vkWaitForFences");
        Vk.check(vkResetFences(device, b.fence), "vkResetFences");
        Vk.check(vkResetCommandBuffer(b.commands, 0), "vkResetCommandBuffer");
        for (Allocation a : b.hostRanges) {
            host.free(a);
        }
        b.hostRanges.clear();
        b.params = null;
        b.paramsUsed = 0;
        b.ops = 0;
        b.work = 0;
        idle.addLast(b);
    }

    private static void barrier(VkCommandBuffer cmd, MemoryStack stack, int dstStages, int dstAccess) {
        VkMemoryBarrier.Buffer mb = VkMemoryBarrier.calloc(1, stack);
        mb.get(0).sType$Default().srcAccessMask(VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT).dstAccessMask(dstAccess);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT, dstStages, 0, mb, null, null);
    }
}
