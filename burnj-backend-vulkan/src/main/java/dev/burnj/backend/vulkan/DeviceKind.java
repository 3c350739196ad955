package dev.burnj.backend.vulkan;

import static org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_CPU;
import static org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
import static org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
import static org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU;

/** A Vulkan physical device's type, in the order the backend prefers them (discrete first, CPU last). */
public enum DeviceKind {
    DISCRETE,
    INTEGRATED,
    VIRTUAL,
    CPU,
    OTHER;

    /** The kind of a {@code VkPhysicalDeviceType} value. */
    static DeviceKind of(int vkType) {
        return switch (vkType) {
            case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU -> DISCRETE;
            case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU -> INTEGRATED;
            case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU -> VIRTUAL;
            case VK_PHYSICAL_DEVICE_TYPE_CPU -> CPU;
            default -> OTHER;
        };
    }

    /** The device type burnj reports ({@link dev.burnj.tensor.Device#type()}): {@code "gpu"} or {@code "cpu"}. */
    String deviceType() {
        return this == CPU ? "cpu" : "gpu";
    }
}
