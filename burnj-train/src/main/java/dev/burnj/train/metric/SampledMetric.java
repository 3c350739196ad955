package dev.burnj.train.metric;

import dev.burnj.train.Goal;
import java.util.HashMap;
import java.util.Map;

/**
 * A metric that samples a quantity of the run rather than of the step output (learning rate, memory, CPU), so it
 * accepts any output. The epoch value aggregates the samples as the subclass chooses: the last one, their mean, or
 * their maximum (a peak).
 */
public abstract class SampledMetric implements Metric<Object> {
    /** How samples combine into the epoch value. */
    protected enum Aggregation { LAST, MEAN, MAX }

    private final Aggregation aggregation;
    private double last = Double.NaN;
    private double sum;
    private double max = Double.NaN;
    private long samples;

    protected SampledMetric(Aggregation aggregation) {
        this.aggregation = aggregation;
    }

    /** The quantity now. */
    protected abstract double sample(MetricContext context);

    @Override
    public final double update(Object input, MetricContext context) {
        double v = sample(context);
        last = v;
        sum += v;
        max = samples == 0 || v > max ? v : max;
        samples++;
        return v;
    }

    @Override
    public final double value() {
        if (samples == 0) {
            return Double.NaN;
        }
        return switch (aggregation) {
            case LAST -> last;
            case MEAN -> sum / samples;
            case MAX -> max;
        };
    }

    @Override
    public final void reset() {
        last = Double.NaN;
        sum = 0;
        max = Double.NaN;
        samples = 0;
    }

    @Override
    public final Map<String, Object> state() {
        Map<String, Object> out = new HashMap<>();
        out.put("last", last);
        out.put("sum", sum);
        out.put("max", max);
        out.put("samples", samples);
        return out;
    }

    @Override
    public final void loadState(Map<String, Object> state) {
        last = ((Number) state.get("last")).doubleValue();
        sum = ((Number) state.get("sum")).doubleValue();
        max = ((Number) state.get("max")).doubleValue();
        samples = ((Number) state.get("samples")).longValue();
    }

    /** Resource metrics have no better direction; they rank as lower-is-better if asked. */
    @Override
    public Goal goal() {
        return Goal.MINIMIZE;
    }

    @Override
    public String toString() {
        return name() + "=" + value();
    }
}
