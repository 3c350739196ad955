package dev.burnj.backend.vulkan;

import java.util.Set;

/**
 * What the backend needs to know about one Vulkan physical device: identity, type, API version, the limits that
 * bound kernels and buffers, and the optional features kernels may use. Read once at discovery.
 *
 * @param physicalIndex position in {@code vkEnumeratePhysicalDevices}
 * @param computeQueueFamily a queue family with compute support, or -1 if there is none
 * @param subgroupOperations the supported subgroup operation classes ({@code "basic"}, {@code "arithmetic"}, ...)
 */
public record DeviceInfo(
        int physicalIndex,
        String name,
        DeviceKind kind,
        int apiVersion,
        int computeQueueFamily,
        long maxStorageBufferRange,
        long minStorageBufferOffsetAlignment,
        int maxComputeSharedMemorySize,
        int maxComputeWorkGroupInvocations,
        int[] maxComputeWorkGroupSize,
        int[] maxComputeWorkGroupCount,
        int subgroupSize,
        boolean subgroupsInCompute,
        Set<String> subgroupOperations,
        boolean shaderFloat64,
        boolean shaderInt64) {

    /** The oldest API version the backend runs on. */
    public static final int REQUIRED_API = (1 << 22) | (1 << 12);

    /** Why this device cannot run the backend, or null when it can. */
    public String unusableReason() {
        if (apiVersion < REQUIRED_API) {
            return "Vulkan " + version(apiVersion) + " < 1.1";
        }
        if (computeQueueFamily < 0) {
            return "no compute queue";
        }
        if (!shaderInt64) {
            return "no shaderInt64 (needed for I64 tensors)";
        }
        return null;
    }

    public boolean usable() {
        return unusableReason() == null;
    }

    /** One line describing the device and its capabilities, for logs and the backend listing. */
    public String report() {
        String reason = unusableReason();
        return name + " (" + kind.name().toLowerCase() + ", Vulkan " + version(apiVersion) + "): maxStorageBufferRange "
                + mib(maxStorageBufferRange) + ", shared memory " + maxComputeSharedMemorySize / 1024 + " KiB, workgroup <= "
                + maxComputeWorkGroupInvocations + " invocations, subgroup " + subgroupSize
                + (subgroupsInCompute ? " " + subgroupOperations : " (not in compute)") + ", shaderFloat64 " + shaderFloat64
                + ", shaderInt64 " + shaderInt64 + (reason == null ? "" : " — unusable: " + reason);
    }

    static String version(int v) {
        return (v >>> 22) + "." + ((v >>> 12) & 0x3FF) + "." + (v & 0xFFF);
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 20) ? bytes / (1L << 20) + " MiB" : bytes + " B";
    }
}
