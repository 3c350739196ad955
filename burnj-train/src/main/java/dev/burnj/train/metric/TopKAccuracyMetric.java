package dev.burnj.train.metric;

import dev.burnj.train.Goal;

/** The fraction of items whose target is among the {@code k} highest-scoring classes ({@code "top5_accuracy"}). */
public final class TopKAccuracyMetric extends MeanMetric<ClassificationInput> {
    private final int k;

    private TopKAccuracyMetric(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy needs k >= 1, got " + k);
        }
        this.k = k;
    }

    public static TopKAccuracyMetric of(int k) {
        return new TopKAccuracyMetric(k);
    }

    public int k() {
        return k;
    }

    @Override
    protected double batchValue(ClassificationInput input, MetricContext context) {
        int[] targets = Predictions.targets(input);
        int kk = Math.min(k, input.scores().dim(1));
        int[] top;
        try (var result = input.scores().topk(kk, 1)) {
            top = result.indices().toIntArray();
        }
        int hits = 0;
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < kk; j++) {
                if (top[i * kk + j] == targets[i]) {
                    hits++;
                    break;
                }
            }
        }
        return targets.length == 0 ? 0 : (double) hits / targets.length;
    }

    @Override
    public String name() {
        return "top" + k + "_accuracy";
    }

    @Override
    public Goal goal() {
        return Goal.MAXIMIZE;
    }
}
