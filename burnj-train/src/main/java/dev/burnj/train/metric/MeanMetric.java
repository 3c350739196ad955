package dev.burnj.train.metric;

import java.util.Map;

/**
 * A metric whose epoch value is the item-weighted mean of its batch values (loss, accuracy, errors), so a short last
 * batch weighs what it holds. Subclasses compute one batch's value.
 */
public abstract class MeanMetric<I> implements Metric<I> {
    private double weightedSum;
    private long items;

    /** The value of one batch. */
    protected abstract double batchValue(I input, MetricContext context);

    @Override
    public final double update(I input, MetricContext context) {
        double v = batchValue(input, context);
        weightedSum += v * context.batchItems();
        items += context.batchItems();
        return v;
    }

    @Override
    public final double value() {
        return items == 0 ? Double.NaN : weightedSum / items;
    }

    @Override
    public final void reset() {
        weightedSum = 0;
        items = 0;
    }

    @Override
    public final Map<String, Object> state() {
        return Map.of("weighted_sum", weightedSum, "items", items);
    }

    @Override
    public final void loadState(Map<String, Object> state) {
        weightedSum = ((Number) state.get("weighted_sum")).doubleValue();
        items = ((Number) state.get("items")).longValue();
    }

    @Override
    public String toString() {
        return name() + "=" + value();
    }
}
