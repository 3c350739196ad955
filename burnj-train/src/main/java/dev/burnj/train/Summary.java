package dev.burnj.train;

import dev.burnj.train.metric.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The end-of-fit summary: an epoch × metric table (train and validation), the best epoch, the stop reason and time. */
final class Summary {
    private Summary() {}

    static String of(FitResult<?> result, List<? extends Metric<?>> metrics, EarlyStopping monitor) {
        MetricHistory h = result.history();
        List<String> columns = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Split split : List.of(Split.TRAIN, Split.VALID)) {
            if (h.of(split).isEmpty()) {
                continue;
            }
            for (Metric<?> m : metrics) {
                columns.add(split.label() + " " + m.name());
                splits.add(split);
                names.add(m.name());
            }
        }
        StringBuilder sb = new StringBuilder(System.lineSeparator());
        int epochs = h.epochs().stream().mapToInt(EpochMetrics::epoch).max().orElse(-1) + 1;
        if (epochs > 0) {
            sb.append(String.format(Locale.ROOT, "%-6s", "epoch"));
            for (String col : columns) {
                sb.append(String.format(Locale.ROOT, " %16s", col));
            }
            sb.append(System.lineSeparator());
        }
        for (int e = 0; e < epochs; e++) {
            sb.append(String.format(Locale.ROOT, "%-6d", e + 1));
            for (int i = 0; i < columns.size(); i++) {
                Optional<EpochMetrics> row = h.get(splits.get(i), e);
                String name = names.get(i);
                String cell = row.isPresent() && row.get().value(name).isPresent() ? ProgressPrinter.number(row.get().value(name).getAsDouble()) : "-";
                sb.append(String.format(Locale.ROOT, " %16s", cell));
            }
            sb.append(System.lineSeparator());
        }
        Split split = monitor != null ? monitor.split() : h.of(Split.VALID).isEmpty() ? Split.TRAIN : Split.VALID;
        String metric = monitor != null ? monitor.metric() : "loss";
        Goal goal = monitor != null ? monitor.goal() : Goal.MINIMIZE;
        h.best(split, metric, goal).ifPresent(best -> sb.append(String.format(Locale.ROOT, "best epoch %d by %s %s: %s%n", best.epoch() + 1,
                split.label(), metric, ProgressPrinter.number(best.value(metric).getAsDouble()))));
        sb.append(String.format(Locale.ROOT, "%s after %d steps in %.1f s%n", result.stopReason(), result.steps(), result.wallTime().toNanos() / 1e9));
        result.lastCheckpoint().ifPresent(c -> sb.append("last checkpoint: ").append(c.directory()).append(System.lineSeparator()));
        return sb.toString();
    }
}
