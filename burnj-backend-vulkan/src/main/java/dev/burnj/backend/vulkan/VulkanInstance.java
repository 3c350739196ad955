package dev.burnj.backend.vulkan;

import static org.lwjgl.system.MemoryStack.stackPush;
import static org.lwjgl.vulkan.VK10.VK_QUEUE_COMPUTE_BIT;
import static org.lwjgl.vulkan.VK10.VK_QUEUE_GRAPHICS_BIT;
import static org.lwjgl.vulkan.VK10.VK_SUCCESS;
import static org.lwjgl.vulkan.VK10.vkCreateInstance;
import static org.lwjgl.vulkan.VK10.vkEnumeratePhysicalDevices;
import static org.lwjgl.vulkan.VK10.vkGetPhysicalDeviceFeatures;
import static org.lwjgl.vulkan.VK10.vkGetPhysicalDeviceQueueFamilyProperties;
import static org.lwjgl.vulkan.VK11.VK_API_VERSION_1_1;
import static org.lwjgl.vulkan.VK11.VK_SHADER_STAGE_COMPUTE_BIT;
import static org.lwjgl.vulkan.VK11.VK_SUBGROUP_FEATURE_ARITHMETIC_BIT;
import static org.lwjgl.vulkan.VK11.VK_SUBGROUP_FEATURE_BALLOT_BIT;
import static org.lwjgl.vulkan.VK11.VK_SUBGROUP_FEATURE_BASIC_BIT;
import static org.lwjgl.vulkan.VK11.VK_SUBGROUP_FEATURE_SHUFFLE_BIT;
import static org.lwjgl.vulkan.VK11.VK_SUBGROUP_FEATURE_VOTE_BIT;
import static org.lwjgl.vulkan.VK11.vkGetPhysicalDeviceProperties2;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VK;
import org.lwjgl.vulkan.VkApplicationInfo;
import org.lwjgl.vulkan.VkInstance;
import org.lwjgl.vulkan.VkInstanceCreateInfo;
import org.lwjgl.vulkan.VkPhysicalDevice;
import org.lwjgl.vulkan.VkPhysicalDeviceFeatures;
import org.lwjgl.vulkan.VkPhysicalDeviceLimits;
import org.lwjgl.vulkan.VkPhysicalDeviceProperties;
import org.lwjgl.vulkan.VkPhysicalDeviceProperties2;
import org.lwjgl.vulkan.VkPhysicalDeviceSubgroupProperties;
import org.lwjgl.vulkan.VkQueueFamilyProperties;

/**
 * The process-wide Vulkan instance and the physical devices it sees. {@link #discover()} loads the system's Vulkan
 * loader on first call and never throws: a missing loader, a failing {@code vkCreateInstance} or a machine without
 * devices come back as {@link Discovery#error()} so that {@code Backends.list()} can say why the backend is off.
 */
final class VulkanInstance {
    private static volatile Discovery shared;

    private VulkanInstance() {}

    /** The outcome of discovery: the instance and its devices, or why there is none. */
    record Discovery(VkInstance instance, List<VkPhysicalDevice> physical, List<DeviceInfo> devices, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Discovers once per process with the default loader ({@code libvulkan.so.1} on Linux). */
    static Discovery discover() {
        Discovery d = shared;
        if (d == null) {
            synchronized (VulkanInstance.class) {
                d = shared;
                if (d == null) {
                    d = discover(null);
                    shared = d;
                }
            }
        }
        return d;
    }

    /**
     * Discovers with the loader library {@code loader} (null for the default). A failed load leaves LWJGL unloaded,
     * so a later call may still succeed.
     */
    static Discovery discover(String loader) {
        try {
            // Without explicit init LWJGL loads the loader in a static initialiser, where a failure poisons the class.
            Configuration.VULKAN_EXPLICIT_INIT.set(true);
            if (!loaded()) {
                if (loader == null) {
                    VK.create();
                } else {
                    VK.create(loader);
                }
            }
        } catch (Throwable e) {
            return failed("the Vulkan loader " + (loader == null ? "(libvulkan)" : loader) + " could not be loaded: " + e.getMessage()
                    + " (install a Vulkan driver and loader, e.g. mesa-vulkan-drivers and libvulkan1)");
        }
        try {
            int version = VK.getInstanceVersionSupported();
            if (version < VK_API_VERSION_1_1) {
                return failed("the Vulkan loader supports only Vulkan " + DeviceInfo.version(version) + "; 1.1 is required");
            }
            VkInstance instance = createInstance();
            List<VkPhysicalDevice> physical = physicalDevices(instance);
            List<DeviceInfo> infos = new ArrayList<>();
            for (int i = 0; i < physical.size(); i++) {
                infos.add(describe(physical.get(i), i));
            }
            if (infos.isEmpty()) {
                return new Discovery(instance, physical, infos, "the Vulkan loader found no physical device (no driver installed?)");
            }
            if (infos.stream().noneMatch(DeviceInfo::usable)) {
                return new Discovery(instance, physical, infos, "no usable Vulkan device: " + DeviceSelection.describe(infos));
            }
            return new Discovery(instance, physical, infos, null);
        } catch (Throwable e) {
            return failed("Vulkan discovery failed: " + e);
        }
    }

    private static boolean loaded() {
        try {
            VK.getFunctionProvider();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Discovery failed(String reason) {
        return new Discovery(null, List.of(), List.of(), reason);
    }

    private static VkInstance createInstance() {
        try (MemoryStack stack = stackPush()) {
            VkApplicationInfo app = VkApplicationInfo.calloc(stack).sType$Default().pApplicationName(stack.UTF8("burnj"))
                    .pEngineName(stack.UTF8("burnj")).apiVersion(VK_API_VERSION_1_1);
            VkInstanceCreateInfo info = VkInstanceCreateInfo.calloc(stack).sType$Default().pApplicationInfo(app);
            PointerBuffer out = stack.mallocPointer(1);
            Vk.check(vkCreateInstance(info, null, out), "vkCreateInstance");
            return new VkInstance(out.get(0), info);
        }
    }

    private static List<VkPhysicalDevice> physicalDevices(VkInstance instance) {
        try (MemoryStack stack = stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            Vk.check(vkEnumeratePhysicalDevices(instance, count, null), "vkEnumeratePhysicalDevices");
            PointerBuffer handles = stack.mallocPointer(count.get(0));
            int r = vkEnumeratePhysicalDevices(instance, count, handles);
            if (r != VK_SUCCESS) {
                Vk.check(r, "vkEnumeratePhysicalDevices");
            }
            List<VkPhysicalDevice> out = new ArrayList<>();
            for (int i = 0; i < count.get(0); i++) {
                out.add(new VkPhysicalDevice(handles.get(i), instance));
            }
            return out;
        }
    }

    private static DeviceInfo describe(VkPhysicalDevice device, int index) {
        try (MemoryStack stack = stackPush()) {
            VkPhysicalDeviceSubgroupProperties subgroup = VkPhysicalDeviceSubgroupProperties.calloc(stack).sType$Default();
            VkPhysicalDeviceProperties2 props2 = VkPhysicalDeviceProperties2.calloc(stack).sType$Default().pNext(subgroup.address());
            vkGetPhysicalDeviceProperties2(device, props2);
            VkPhysicalDeviceProperties props = props2.properties();
            VkPhysicalDeviceLimits limits = props.limits();
            VkPhysicalDeviceFeatures features = VkPhysicalDeviceFeatures.calloc(stack);
            vkGetPhysicalDeviceFeatures(device, features);
            IntBuffer n = stack.mallocInt(1);
            vkGetPhysicalDeviceQueueFamilyProperties(device, n, null);
            VkQueueFamilyProperties.Buffer families = VkQueueFamilyProperties.calloc(n.get(0), stack);
            vkGetPhysicalDeviceQueueFamilyProperties(device, n, families);
            int queue = -1;
            for (int i = 0; i < families.capacity(); i++) {
                int flags = families.get(i).queueFlags();
                // A compute-only family is the dedicated compute engine where one exists; otherwise any compute family.
                if ((flags & VK_QUEUE_COMPUTE_BIT) != 0 && (queue < 0 || (flags & VK_QUEUE_GRAPHICS_BIT) == 0)) {
                    queue = i;
                }
            }
            int ops = subgroup.supportedOperations();
            Set<String> opNames = new LinkedHashSet<>();
            addIf(opNames, ops, VK_SUBGROUP_FEATURE_BASIC_BIT, "basic");
            addIf(opNames, ops, VK_SUBGROUP_FEATURE_VOTE_BIT, "vote");
            addIf(opNames, ops, VK_SUBGROUP_FEATURE_ARITHMETIC_BIT, "arithmetic");
            addIf(opNames, ops, VK_SUBGROUP_FEATURE_BALLOT_BIT, "ballot");
            addIf(opNames, ops, VK_SUBGROUP_FEATURE_SHUFFLE_BIT, "shuffle");
            return new DeviceInfo(index, props.deviceNameString(), DeviceKind.of(props.deviceType()), props.apiVersion(), queue,
                    limits.maxStorageBufferRange() & 0xFFFFFFFFL, limits.minStorageBufferOffsetAlignment(),
                    limits.maxComputeSharedMemorySize(), limits.maxComputeWorkGroupInvocations(), ints(limits.maxComputeWorkGroupSize()),
                    ints(limits.maxComputeWorkGroupCount()), subgroup.subgroupSize(),
                    (subgroup.supportedStages() & VK_SHADER_STAGE_COMPUTE_BIT) != 0, java.util.Collections.unmodifiableSet(opNames), features.shaderFloat64(),
                    features.shaderInt64());
        }
    }

    private static void addIf(Set<String> names, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            names.add(name);
        }
    }

    private static int[] ints(IntBuffer b) {
        int[] out = new int[b.remaining()];
        b.get(b.position(), out);
        return out;
    }
}
