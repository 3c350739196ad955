package dev.burnj.train.metric;

import dev.burnj.train.Goal;

/** The fraction of items whose highest-scoring class is the target ({@code "accuracy"}, in [0, 1]). */
public final class AccuracyMetric extends MeanMetric<ClassificationInput> {
    private AccuracyMetric() {}

    public static AccuracyMetric of() {
        return new AccuracyMetric();
    }

    @Override
    protected double batchValue(ClassificationInput input, MetricContext context) {
        int[] targets = Predictions.targets(input);
        int[] predicted = Predictions.predicted(input);
        int correct = 0;
        for (int i = 0; i < targets.length; i++) {
            if (predicted[i] == targets[i]) {
                correct++;
            }
        }
        return targets.length == 0 ? 0 : (double) correct / targets.length;
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public Goal goal() {
        return Goal.MAXIMIZE;
    }
}
