package dev.burnj.train.metric;

/** The JVM heap in use, in MiB ({@code "heap_mib"}); the epoch value is the peak seen. */
public final class HeapMemoryMetric extends SampledMetric {
    private static final double MIB = 1024.0 * 1024.0;

    private HeapMemoryMetric() {
        super(Aggregation.MAX);
    }

    public static HeapMemoryMetric of() {
        return new HeapMemoryMetric();
    }

    @Override
    protected double sample(MetricContext context) {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / MIB;
    }

    @Override
    public String name() {
        return "heap_mib";
    }
}
