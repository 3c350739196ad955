package dev.burnj.train;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When to stop training because a monitored metric stopped improving (Lightning's {@code EarlyStopping}, Burn's
 * {@code MetricEarlyStoppingStrategy}). An epoch improves when its value beats the best so far by more than
 * {@code minDelta}; training stops once {@code patience} epochs in a row did not improve — but never before
 * {@code warmupEpochs} epochs have run. The decision is computed from the {@link MetricHistory} alone, so a resumed
 * run decides exactly as the uninterrupted one would. Immutable; {@code with...} returns a copy.
 *
 * @param metric the monitored metric's name ({@code "loss"})
 * @param split the split it is read from (validation by default)
 * @param goal whether lower or higher is better
 * @param patience epochs without improvement that stop training (default 3)
 * @param minDelta the smallest change that counts as improvement (default 0)
 * @param warmupEpochs epochs during which training never stops (default 0)
 */
public record EarlyStopping(String metric, Split split, Goal goal, int patience, double minDelta, int warmupEpochs) {
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(goal, "goal");
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping minDelta must be >= 0, got " + minDelta);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("early stopping warmupEpochs must be >= 0, got " + warmupEpochs);
        }
    }

    /** Monitors validation {@code metric} with patience 3, no minimum delta and no warm-up. */
    public static EarlyStopping monitor(String metric, Goal goal) {
        return new EarlyStopping(metric, Split.VALID, goal, 3, 0, 0);
    }

    public EarlyStopping withSplit(Split newSplit) {
        return new EarlyStopping(metric, newSplit, goal, patience, minDelta, warmupEpochs);
    }

    public EarlyStopping withPatience(int newPatience) {
        return new EarlyStopping(metric, split, goal, newPatience, minDelta, warmupEpochs);
    }

    public EarlyStopping withMinDelta(double newMinDelta) {
        return new EarlyStopping(metric, split, goal, patience, newMinDelta, warmupEpochs);
    }

    public EarlyStopping withWarmupEpochs(int newWarmupEpochs) {
        return new EarlyStopping(metric, split, goal, patience, minDelta, newWarmupEpochs);
    }

    /**
     * Whether to stop after the newest epoch of {@code history}, with the reason; empty to go on. An epoch without
     * the metric, or with NaN, counts as not improving.
     */
    public Optional<String> shouldStop(MetricHistory history) {
        List<EpochMetrics> epochs = history.of(split);
        if (epochs.isEmpty()) {
            return Optional.empty();
        }
        double best = Double.NaN;
        int bestEpoch = -1;
        int stale = 0;
        for (EpochMetrics e : epochs) {
            double v = e.value(metric).orElse(Double.NaN);
            if (improves(v, best)) {
                best = v;
                bestEpoch = e.epoch();
                stale = 0;
            } else {
                stale++;
            }
        }
        EpochMetrics last = epochs.get(epochs.size() - 1);
        if (last.epoch() + 1 < warmupEpochs || stale < patience) {
            return Optional.empty();
        }
        return Optional.of(split.label() + " " + metric + " did not improve for " + stale + " epochs"
                + (bestEpoch < 0 ? " (no value yet)" : " (best " + best + " at epoch " + bestEpoch + ")"));
    }

    private boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return goal == Goal.MINIMIZE ? value < best - minDelta : value > best + minDelta;
    }
}
