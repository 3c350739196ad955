package dev.burnj.train.checkpoint;

import dev.burnj.train.Goal;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which checkpoints a {@link Checkpointer} keeps after each save (Burn's checkpointing strategies, Lightning's
 * {@code save_top_k}). Policies combine with {@link #or}: {@code keepLast(2).or(keepBest(3, "valid_loss",
 * Goal.MINIMIZE))} keeps the union. Whatever the policy, the newest checkpoint is always kept, since resuming needs it.
 */
@FunctionalInterface
public interface RetentionPolicy {
    /** The checkpoints to keep among {@code checkpoints} (complete ones, oldest step first). */
    Set<Checkpoint> retain(List<Checkpoint> checkpoints);

    /** Keeps every checkpoint. */
    static RetentionPolicy keepAll() {
        return Set::copyOf;
    }

    /** Keeps the {@code n} newest checkpoints. */
    static RetentionPolicy keepLast(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("keepLast needs n >= 1, got " + n);
        }
        return checkpoints -> Set.copyOf(checkpoints.subList(Math.max(0, checkpoints.size() - n), checkpoints.size()));
    }

    /**
     * Keeps the {@code k} checkpoints with the best value of {@code metric}; checkpoints without that metric (or with
     * NaN) never count as best. Ties go to the older checkpoint, which reached the value first.
     */
    static RetentionPolicy keepBest(int k, String metric, Goal goal) {
        if (k < 1) {
            throw new IllegalArgumentException("keepBest needs k >= 1, got " + k);
        }
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(goal, "goal");
        Comparator<Checkpoint> byValue = Comparator.comparingDouble(c -> c.metric(metric).getAsDouble());
        Comparator<Checkpoint> bestFirst = goal == Goal.MINIMIZE ? byValue : byValue.reversed();
        return checkpoints -> checkpoints.stream()
                .filter(c -> c.metric(metric).isPresent() && !Double.isNaN(c.metric(metric).getAsDouble()))
                .sorted(bestFirst.thenComparingLong(Checkpoint::step))
                .limit(k)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Keeps what this policy or {@code other} keeps. */
    default RetentionPolicy or(RetentionPolicy other) {
        Objects.requireNonNull(other, "other");
        return checkpoints -> {
            Set<Checkpoint> union = new LinkedHashSet<>(retain(checkpoints));
            union.addAll(other.retain(checkpoints));
            return union;
        };
    }
}
