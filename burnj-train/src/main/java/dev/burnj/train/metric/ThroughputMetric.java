package dev.burnj.train.metric;

import dev.burnj.train.Goal;
import java.util.function.LongSupplier;

/**
 * Items processed per second ({@code "items_per_second"}): per batch, since the previous batch; per epoch, all items
 * since {@link #reset()} (the epoch start) over the wall time since then — so data loading counts too.
 */
public final class ThroughputMetric implements Metric<Object> {
    private final LongSupplier clock;
    private long start;
    private long previous;
    private long items;

    ThroughputMetric(LongSupplier nanoClock) {
        this.clock = nanoClock;
        reset();
    }

    public static ThroughputMetric of() {
        return new ThroughputMetric(System::nanoTime);
    }

    @Override
    public double update(Object input, MetricContext context) {
        long now = clock.getAsLong();
        double batch = perSecond(context.batchItems(), now - previous);
        previous = now;
        items += context.batchItems();
        return batch;
    }

    @Override
    public double value() {
        return items == 0 ? Double.NaN : perSecond(items, previous - start);
    }

    @Override
    public void reset() {
        start = clock.getAsLong();
        previous = start;
        items = 0;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    @Override
    public String name() {
        return "items_per_second";
    }

    @Override
    public Goal goal() {
        return Goal.MAXIMIZE;
    }

    @Override
    public String toString() {
        return name() + "=" + value();
    }
}
