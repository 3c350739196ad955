package dev.burnj.train.metric;

import dev.burnj.backend.MemoryStats;
import dev.burnj.tensor.Device;
import java.util.Objects;

/**
 * The memory a device's backend holds for tensors, live plus pooled, in MiB ({@code "device_mib"}; native memory on
 * CPU backends, device memory on GPUs); the epoch value is the peak seen. NaN when the backend does not report it.
 */
public final class DeviceMemoryMetric extends SampledMetric {
    private static final double MIB = 1024.0 * 1024.0;

    private final Device device;

    private DeviceMemoryMetric(Device device) {
        super(Aggregation.MAX);
        this.device = Objects.requireNonNull(device, "device");
    }

    public static DeviceMemoryMetric of(Device device) {
        return new DeviceMemoryMetric(device);
    }

    @Override
    protected double sample(MetricContext context) {
        MemoryStats stats = device.backend().memoryStats();
        if (stats.liveBytes() < 0) {
            return Double.NaN;
        }
        return (stats.liveBytes() + Math.max(0, stats.pooledBytes())) / MIB;
    }

    @Override
    public String name() {
        return "device_mib";
    }
}
