package dev.burnj.backend.vulkan;

import static org.lwjgl.system.MemoryStack.stackPush;
import static org.lwjgl.vulkan.VK10.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
import static org.lwjgl.vulkan.VK10.VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
import static org.lwjgl.vulkan.VK10.VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
import static org.lwjgl.vulkan.VK10.VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
import static org.lwjgl.vulkan.VK10.vkCreateDevice;
import static org.lwjgl.vulkan.VK10.vkDestroyDevice;
import static org.lwjgl.vulkan.VK10.vkDeviceWaitIdle;
import static org.lwjgl.vulkan.VK10.vkGetDeviceQueue;
import static org.lwjgl.vulkan.VK10.vkGetPhysicalDeviceMemoryProperties;

import java.nio.file.Path;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkDeviceCreateInfo;
import org.lwjgl.vulkan.VkDeviceQueueCreateInfo;
import org.lwjgl.vulkan.VkPhysicalDevice;
import org.lwjgl.vulkan.VkPhysicalDeviceFeatures;
import org.lwjgl.vulkan.VkPhysicalDeviceMemoryProperties;
import org.lwjgl.vulkan.VkQueue;

/**
 * One opened Vulkan device: the logical device and its compute queue, the tensor and staging memory pools, the
 * command stream and the pipeline cache. Tensor memory is device-local; when that memory is also host-visible
 * (integrated GPUs, CPU drivers) reads map it directly instead of copying through staging, unless
 * {@value #STAGED_READS_PROPERTY} is set.
 */
final class Gpu {
    static final String STAGED_READS_PROPERTY = "burnj.vulkan.stagedReads";
    /** System property: {@code false} keeps reductions on shared-memory trees even where subgroup arithmetic exists. */
    static final String SUBGROUPS_PROPERTY = "burnj.vulkan.subgroups";
    private static final long BLOCK = 64L << 20;

    final DeviceInfo info;
    final VkDevice device;
    final MemoryPool tensors;
    final MemoryPool staging;
    final CommandStream stream;
    final Kernels kernels;
    /** Invocations per workgroup of the 1-D kernels: a power of two within the device limit. */
    final int workgroup;
    final boolean directReads;
    /** Whether reductions fold within subgroups first (subgroup arithmetic in compute shaders). */
    final boolean subgroupReductions;

    Gpu(VkPhysicalDevice physical, DeviceInfo info, Path cacheDir) {
        this.info = info;
        try (MemoryStack stack = stackPush()) {
            VkDeviceQueueCreateInfo.Buffer queues = VkDeviceQueueCreateInfo.calloc(1, stack);
            queues.get(0).sType$Default().queueFamilyIndex(info.computeQueueFamily()).pQueuePriorities(stack.floats(1.0f));
            VkPhysicalDeviceFeatures features = VkPhysicalDeviceFeatures.calloc(stack).shaderInt64(true).shaderFloat64(info.shaderFloat64());
            VkDeviceCreateInfo ci = VkDeviceCreateInfo.calloc(stack).sType$Default().pQueueCreateInfos(queues).pEnabledFeatures(features);
            PointerBuffer pb = stack.mallocPointer(1);
            Vk.check(vkCreateDevice(physical, ci, null, pb), "vkCreateDevice(" + info.name() + ")");
            device = new VkDevice(pb.get(0), physical, ci);
            vkGetDeviceQueue(device, info.computeQueueFamily(), 0, pb);
            VkQueue queue = new VkQueue(pb.get(0), device);

            VkPhysicalDeviceMemoryProperties mem = VkPhysicalDeviceMemoryProperties.malloc(stack);
            vkGetPhysicalDeviceMemoryProperties(physical, mem);
            int deviceType = memoryType(mem, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0);
            int hostType = memoryType(mem, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                    VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
            if (deviceType < 0) {
                deviceType = hostType;
            }
            if (hostType < 0) {
                throw new VulkanException("vulkan: " + info.name() + " has no host-visible coherent memory for staging");
            }
            int deviceFlags = mem.memoryTypes(deviceType).propertyFlags();
            int hostBits = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
            boolean mappable = (deviceFlags & hostBits) == hostBits;
            long block = Math.min(BLOCK, info.maxStorageBufferRange());
            tensors = new MemoryPool(device, deviceType, mappable, block, info.maxStorageBufferRange(), "tensor");
            staging = new MemoryPool(device, hostType, true, block, info.maxStorageBufferRange(), "staging");
            directReads = mappable && !Boolean.getBoolean(STAGED_READS_PROPERTY);
            stream = new CommandStream(device, queue, info.computeQueueFamily(), staging, info.minStorageBufferOffsetAlignment());
        }
        kernels = new Kernels(device, new SpirvCompiler(cacheDir));
        workgroup = Math.min(256, Integer.highestOneBit(info.maxComputeWorkGroupInvocations()));
        subgroupReductions = info.subgroupsInCompute() && info.subgroupOperations().contains("arithmetic") && info.subgroupSize() > 1
                && !"false".equals(System.getProperty(SUBGROUPS_PROPERTY));
    }

    /** Waits for all work, then releases every Vulkan object of this device. */
    void close() {
        stream.close();
        vkDeviceWaitIdle(device);
        kernels.close();
        tensors.close();
        staging.close();
        vkDestroyDevice(device, null);
    }

    /** The first memory type with all {@code required} flags, preferring one that also has {@code preferred}. */
    private static int memoryType(VkPhysicalDeviceMemoryProperties mem, int required, int preferred) {
        int found = -1;
        for (int i = 0; i < mem.memoryTypeCount(); i++) {
            int flags = mem.memoryTypes(i).propertyFlags();
            if ((flags & required) == required) {
                if ((flags & preferred) == preferred) {
                    return i;
                }
                if (found < 0) {
                    found = i;
                }
            }
        }
        return found;
    }
}
