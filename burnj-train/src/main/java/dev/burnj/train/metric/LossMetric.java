package dev.burnj.train.metric;

import dev.burnj.train.Goal;

/** The mean loss, weighted by batch size ({@code "loss"}). */
public final class LossMetric extends MeanMetric<LossInput> {
    private LossMetric() {}

    public static LossMetric of() {
        return new LossMetric();
    }

    @Override
    protected double batchValue(LossInput input, MetricContext context) {
        return input.loss().item();
    }

    @Override
    public String name() {
        return "loss";
    }

    @Override
    public Goal goal() {
        return Goal.MINIMIZE;
    }
}
