package dev.burnj.train.metric;

/** Macro-averaged f1 ({@code "f1"}): per class, the harmonic mean of precision and recall, 2TP / (2TP + FP + FN); see {@link MacroClassMetric}. */
public final class F1Metric extends MacroClassMetric {
    private F1Metric() {}

    public static F1Metric of() {
        return new F1Metric();
    }

    @Override
    double score(long tp, long fp, long fn) {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    @Override
    public String name() {
        return "f1";
    }
}
