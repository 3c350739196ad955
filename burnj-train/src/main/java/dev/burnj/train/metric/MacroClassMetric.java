package dev.burnj.train.metric;

import dev.burnj.train.Goal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Precision, recall or F1 averaged over classes with equal weight (macro), from a confusion count kept over the whole
 * epoch — not a mean of per-batch values, which would be biased. As scikit-learn's {@code average='macro'}, the mean
 * runs over the classes that occur among the targets or the predictions, and a 0/0 ratio counts as 0.
 */
public abstract sealed class MacroClassMetric implements Metric<ClassificationInput>
        permits PrecisionMetric, RecallMetric, F1Metric {
    private long[] truePositives = new long[0];
    private long[] falsePositives = new long[0];
    private long[] falseNegatives = new long[0];

    /** The per-class score from its counts. */
    abstract double score(long tp, long fp, long fn);

    @Override
    public final double update(ClassificationInput input, MetricContext context) {
        int classes = input.scores().dim(1);
        int[] targets = Predictions.targets(input);
        int[] predicted = Predictions.predicted(input);
        long[] tp = new long[classes], fp = new long[classes], fn = new long[classes];
        count(targets, predicted, tp, fp, fn);
        grow(classes);
        for (int c = 0; c < classes; c++) {
            truePositives[c] += tp[c];
            falsePositives[c] += fp[c];
            falseNegatives[c] += fn[c];
        }
        return macro(tp, fp, fn);
    }

    @Override
    public final double value() {
        return macro(truePositives, falsePositives, falseNegatives);
    }

    @Override
    public final void reset() {
        truePositives = new long[0];
        falsePositives = new long[0];
        falseNegatives = new long[0];
    }

    @Override
    public final Map<String, Object> state() {
        return Map.of("true_positives", toList(truePositives), "false_positives", toList(falsePositives), "false_negatives",
                toList(falseNegatives));
    }

    @Override
    public final void loadState(Map<String, Object> state) {
        truePositives = toArray(state.get("true_positives"));
        falsePositives = toArray(state.get("false_positives"));
        falseNegatives = toArray(state.get("false_negatives"));
    }

    private static List<Long> toList(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    private static long[] toArray(Object list) {
        return ((List<?>) list).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    @Override
    public final Goal goal() {
        return Goal.MAXIMIZE;
    }

    private static void count(int[] targets, int[] predicted, long[] tp, long[] fp, long[] fn) {
        for (int i = 0; i < targets.length; i++) {
            if (predicted[i] == targets[i]) {
                tp[targets[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[targets[i]]++;
            }
        }
    }

    private void grow(int classes) {
        if (truePositives.length < classes) {
            truePositives = Arrays.copyOf(truePositives, classes);
            falsePositives = Arrays.copyOf(falsePositives, classes);
            falseNegatives = Arrays.copyOf(falseNegatives, classes);
        }
    }

    private double macro(long[] tp, long[] fp, long[] fn) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < tp.length; c++) {
            if (tp[c] + fp[c] + fn[c] > 0) {
                sum += score(tp[c], fp[c], fn[c]);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return name() + "=" + value();
    }
}
