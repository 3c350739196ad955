package dev.burnj.bench.workload;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown table of a runner's results: one row per workload with its median, unit, every run and by-products. */
public final class ResultTable {
    private ResultTable() {}

    public static String markdown(List<WorkloadResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | what | backend | median | unit | runs | also |\n");
        sb.append("|---|---|---|---:|---|---|---|\n");
        for (WorkloadResult r : results) {
            sb.append("| ").append(r.workload()).append(" | ").append(r.title()).append(" | ").append(r.backend()).append(" | ")
                    .append(format(r.median())).append(" | ").append(r.unit()).append(r.higherIsBetter() ? " (higher is better)" : " (lower is better)")
                    .append(" | ").append(r.runs().stream().map(ResultTable::format).collect(Collectors.joining(", "))).append(" | ")
                    .append(r.extras().entrySet().stream().map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** Three significant digits or whole units, whichever is longer: 94712, 251, 5.13, 0.0812. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
