package dev.burnj.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-epoch metric values of a run, for each split, in the order they were recorded. Immutable: {@link #with}
 * returns a longer copy. It serialises to JSON (a list of epochs) so that checkpoints carry it and a resumed run
 * continues the same history.
 *
 * @param epochs every recorded epoch, oldest first
 */
public record MetricHistory(List<EpochMetrics> epochs) {
    public MetricHistory {
        epochs = Collections.unmodifiableList(new ArrayList<>(epochs));
        epochs.forEach(e -> Objects.requireNonNull(e, "epoch metrics"));
    }

    public static MetricHistory empty() {
        return new MetricHistory(List.of());
    }

    /** This history with {@code entry} appended, replacing an earlier entry for the same epoch and split. */
    public MetricHistory with(EpochMetrics entry) {
        List<EpochMetrics> copy = new ArrayList<>(epochs);
        copy.removeIf(e -> e.epoch() == entry.epoch() && e.split() == entry.split());
        copy.add(entry);
        return new MetricHistory(copy);
    }

    /** The entries of {@code split}, oldest first. */
    public List<EpochMetrics> of(Split split) {
        return epochs.stream().filter(e -> e.split() == split).toList();
    }

    /** The entry of {@code split} for {@code epoch}. */
    public Optional<EpochMetrics> get(Split split, int epoch) {
        return epochs.stream().filter(e -> e.split() == split && e.epoch() == epoch).findFirst();
    }

    /** The epoch whose {@code metric} on {@code split} is best for {@code goal} (the earliest among ties). */
    public Optional<EpochMetrics> best(Split split, String metric, Goal goal) {
        EpochMetrics best = null;
        for (EpochMetrics e : of(split)) {
            double v = e.value(metric).orElse(Double.NaN);
            if (!Double.isNaN(v) && (best == null || goal.isBetter(v, best.value(metric).getAsDouble()))) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }
}
