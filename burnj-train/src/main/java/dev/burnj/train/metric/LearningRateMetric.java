package dev.burnj.train.metric;

/** The learning rate of the optimizer's first group ({@code "lr"}); the epoch value is the latest. */
public final class LearningRateMetric extends SampledMetric {
    private LearningRateMetric() {
        super(Aggregation.LAST);
    }

    public static LearningRateMetric of() {
        return new LearningRateMetric();
    }

    @Override
    protected double sample(MetricContext context) {
        return context.learningRate();
    }

    @Override
    public String name() {
        return "lr";
    }
}
