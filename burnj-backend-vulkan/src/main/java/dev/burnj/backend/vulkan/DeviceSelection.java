package dev.burnj.backend.vulkan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the usable physical devices into the backend's device list: discrete before integrated before virtual
 * before CPU devices, ties in enumeration order. {@code vulkan:0} is therefore the best device, and
 * {@code vulkan:i} picks another. {@value #DEVICE_PROPERTY} (or {@code BURNJ_VULKAN_DEVICE}) names a physical index
 * that goes first instead, for machines where the type order picks the wrong GPU.
 */
public final class DeviceSelection {
    /** System property naming the physical device index to put first. */
    public static final String DEVICE_PROPERTY = "burnj.vulkan.device";
    public static final String DEVICE_ENV = "BURNJ_VULKAN_DEVICE";

    private DeviceSelection() {}

    /** The usable devices of {@code found}, best first, with {@code preferred} (a physical index, or null) first. */
    public static List<DeviceInfo> order(List<DeviceInfo> found, Integer preferred) {
        List<DeviceInfo> usable = new ArrayList<>();
        for (DeviceInfo d : found) {
            if (d.usable()) {
                usable.add(d);
            }
        }
        if (preferred != null && usable.stream().noneMatch(d -> d.physicalIndex() == preferred)) {
            throw new IllegalArgumentException("vulkan: " + DEVICE_PROPERTY + "=" + preferred + " names no usable device; found "
                    + describe(found));
        }
        usable.sort(Comparator.<DeviceInfo>comparingInt(d -> preferred != null && d.physicalIndex() == preferred ? 0 : 1)
                .thenComparing(DeviceInfo::kind).thenComparingInt(DeviceInfo::physicalIndex));
        return usable;
    }

    /** The preferred physical index from the system property or environment, or null. */
    public static Integer configuredPreference() {
        String v = System.getProperty(DEVICE_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(DEVICE_ENV);
        }
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vulkan: " + DEVICE_PROPERTY + " must be a physical device index, got '" + v + "'");
        }
    }

    /** Every device with its physical index and capability report. */
    public static String describe(List<DeviceInfo> found) {
        if (found.isEmpty()) {
            return "no physical devices";
        }
        StringBuilder sb = new StringBuilder();
        for (DeviceInfo d : found) {
            sb.append(sb.length() == 0 ? "" : "; ").append('#').append(d.physicalIndex()).append(' ').append(d.report());
        }
        return sb.toString();
    }
}
