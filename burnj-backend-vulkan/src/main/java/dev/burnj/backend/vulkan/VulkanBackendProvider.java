package dev.burnj.backend.vulkan;

import dev.burnj.backend.Backend;
import dev.burnj.backend.BackendProvider;
import java.util.List;

/**
 * Registers the Vulkan backend as {@code "vulkan"}. It is never the default backend: users select it by name
 * ({@code BURNJ_BACKEND=vulkan}, {@code Device.of("vulkan")}). {@link #availability()} loads the Vulkan loader and
 * enumerates devices once, catching every failure, so a machine without a loader or a device lists the backend
 * as unavailable with the reason instead of crashing.
 */
public final class VulkanBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "vulkan";
    }

    @Override
    public Availability availability() {
        VulkanInstance.Discovery d = VulkanInstance.discover();
        if (!d.ok()) {
            return Availability.no(d.error());
        }
        try {
            List<DeviceInfo> ordered = DeviceSelection.order(d.devices(), DeviceSelection.configuredPreference());
            return new Availability(true, "available: " + DeviceSelection.describe(ordered));
        } catch (IllegalArgumentException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public Backend create() {
        VulkanInstance.Discovery d = VulkanInstance.discover();
        if (!d.ok()) {
            throw new IllegalStateException("backend 'vulkan' is unavailable: " + d.error());
        }
        List<DeviceInfo> ordered = DeviceSelection.order(d.devices(), DeviceSelection.configuredPreference());
        return new VulkanBackend(ordered, d.physical(), SpirvCompiler.defaultCacheDir());
    }
}
