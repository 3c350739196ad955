package dev.burnj.train.metric;

/** Macro-averaged recall ({@code "recall"}): per class, the fraction found among the items of the class; see {@link MacroClassMetric}. */
public final class RecallMetric extends MacroClassMetric {
    private RecallMetric() {}

    public static RecallMetric of() {
        return new RecallMetric();
    }

    @Override
    double score(long tp, long fp, long fn) {
        return ratio(tp, tp + fn);
    }

    @Override
    public String name() {
        return "recall";
    }
}
