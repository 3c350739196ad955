package dev.burnj.train.metric;

/** Macro-averaged precision ({@code "precision"}): per class, the fraction correct among the items predicted as the class; see {@link MacroClassMetric}. */
public final class PrecisionMetric extends MacroClassMetric {
    private PrecisionMetric() {}

    public static PrecisionMetric of() {
        return new PrecisionMetric();
    }

    @Override
    double score(long tp, long fp, long fn) {
        return ratio(tp, tp + fp);
    }

    @Override
    public String name() {
        return "precision";
    }
}
