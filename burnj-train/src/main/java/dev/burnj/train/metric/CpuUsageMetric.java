package dev.burnj.train.metric;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * This process's CPU use in percent of one core ({@code "cpu_percent"}: 200 means two cores busy), averaged over
 * the epoch's samples. NaN where the JVM cannot measure it.
 */
public final class CpuUsageMetric extends SampledMetric {
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();

    private CpuUsageMetric() {
        super(Aggregation.MEAN);
    }

    public static CpuUsageMetric of() {
        return new CpuUsageMetric();
    }

    @Override
    protected double sample(MetricContext context) {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            return load < 0 ? Double.NaN : load * cores * 100;
        }
        return Double.NaN;
    }

    @Override
    public String name() {
        return "cpu_percent";
    }
}
