package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Device ordering, preference and the capability report, on described devices (no Vulkan needed). */
class DeviceSelectionTest {
    private static final int V11 = (1 << 22) | (1 << 12);
    private static final int V10 = 1 << 22;

    static DeviceInfo device(int index, String name, DeviceKind kind) {
        return device(index, name, kind, V11, 0, true);
    }

    static DeviceInfo device(int index, String name, DeviceKind kind, int api, int queue, boolean int64) {
        return new DeviceInfo(index, name, kind, api, queue, 128L << 20, 16, 32 * 1024, 1024, new int[] {1024, 1024, 64},
                new int[] {65535, 65535, 65535}, 32, true, Set.of("basic", "arithmetic"), true, int64);
    }

    private static List<String> names(List<DeviceInfo> devices) {
        return devices.stream().map(DeviceInfo::name).toList();
    }

    @Test
    void discreteBeforeIntegratedBeforeVirtualBeforeCpu() {
        List<DeviceInfo> found = List.of(device(0, "llvmpipe", DeviceKind.CPU), device(1, "igpu", DeviceKind.INTEGRATED),
                device(2, "vgpu", DeviceKind.VIRTUAL), device(3, "dgpu", DeviceKind.DISCRETE), device(4, "dgpu2", DeviceKind.DISCRETE));
        assertEquals(List.of("dgpu", "dgpu2", "igpu", "vgpu", "llvmpipe"), names(DeviceSelection.order(found, null)));
    }

    @Test
    void aPreferredPhysicalIndexGoesFirst() {
        List<DeviceInfo> found = List.of(device(0, "llvmpipe", DeviceKind.CPU), device(1, "dgpu", DeviceKind.DISCRETE));
        assertEquals(List.of("llvmpipe", "dgpu"), names(DeviceSelection.order(found, 0)));
    }

    @Test
    void aPreferenceNamingNoUsableDeviceFailsListingTheDevices() {
        List<DeviceInfo> found = List.of(device(0, "llvmpipe", DeviceKind.CPU), device(1, "old", DeviceKind.DISCRETE, V10, 0, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.order(found, 1));
        assertTrue(e.getMessage().contains(DeviceSelection.DEVICE_PROPERTY + "=1"), e.getMessage());
        assertTrue(e.getMessage().contains("llvmpipe") && e.getMessage().contains("old"), e.getMessage());
        assertTrue(e.getMessage().contains("Vulkan 1.0.0 < 1.1"), e.getMessage());
    }

    @Test
    void unusableDevicesAreLeftOutWithTheirReason() {
        DeviceInfo old = device(0, "old", DeviceKind.DISCRETE, V10, 0, true);
        DeviceInfo noQueue = device(1, "display-only", DeviceKind.INTEGRATED, V11, -1, true);
        DeviceInfo noInt64 = device(2, "small", DeviceKind.INTEGRATED, V11, 0, false);
        DeviceInfo good = device(3, "good", DeviceKind.CPU);
        assertEquals("Vulkan 1.0.0 < 1.1", old.unusableReason());
        assertEquals("no compute queue", noQueue.unusableReason());
        assertTrue(noInt64.unusableReason().contains("shaderInt64"));
        assertNull(good.unusableReason());
        assertEquals(List.of("good"), names(DeviceSelection.order(List.of(old, noQueue, noInt64, good), null)));
        assertTrue(DeviceSelection.order(List.of(old), null).isEmpty());
    }

    @Test
    void reportNamesLimitsAndFeatures() {
        String r = device(0, "llvmpipe", DeviceKind.CPU).report();
        for (String part : new String[] {"llvmpipe", "cpu", "Vulkan 1.1.0", "maxStorageBufferRange 128 MiB", "shared memory 32 KiB",
            "1024 invocations", "subgroup 32", "shaderFloat64 true", "shaderInt64 true"}) {
            assertTrue(r.contains(part), () -> part + " missing from " + r);
        }
        assertFalse(r.contains("unusable"), r);
        assertTrue(device(0, "x", DeviceKind.CPU, V10, 0, true).report().contains("unusable: Vulkan 1.0.0 < 1.1"));
        assertEquals("no physical devices", DeviceSelection.describe(List.of()));
    }

    @Test
    void burnjDeviceTypes() {
        assertEquals("gpu", DeviceKind.DISCRETE.deviceType());
        assertEquals("gpu", DeviceKind.INTEGRATED.deviceType());
        assertEquals("cpu", DeviceKind.CPU.deviceType());
        assertEquals(DeviceKind.DISCRETE, DeviceKind.of(org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU));
        assertEquals(DeviceKind.CPU, DeviceKind.of(org.lwjgl.vulkan.VK10.VK_PHYSICAL_DEVICE_TYPE_CPU));
        assertEquals(DeviceKind.OTHER, DeviceKind.of(0));
    }
}
