package dev.burnj.train.metric;

import dev.burnj.train.Goal;
import java.util.Map;

/**
 * A training or validation metric over inputs of type {@code I} (what a step's output offers: {@link LossInput},
 * {@link ClassificationInput}, ...). A metric folds each batch into its epoch state with {@link #update}, which also
 * returns the batch's own value for per-step logs; {@link #value()} is the epoch's value so far and {@link #reset()}
 * starts a new epoch. Metrics are not thread-safe: the Learner updates them from one thread.
 *
 * @param <I> the input the metric reads from a step output
 */
public interface Metric<I> {
    /** The name used in logs, histories, checkpoints and the monitor of early stopping ({@code "loss"}, {@code "accuracy"}). */
    String name();

    /** Folds one batch into the epoch state and returns the batch's value. */
    double update(I input, MetricContext context);

    /** The value over the batches since the last {@link #reset()}; NaN before the first update. */
    double value();

    /** Forgets the epoch state. */
    void reset();

    /**
     * The epoch state as JSON-able values (numbers, lists of numbers), which a checkpoint taken mid-epoch saves so that
     * a resumed run reports the epoch's value as if it had never stopped. Empty (the default) for a metric whose state
     * is not worth saving, such as one measured in wall time.
     */
    default Map<String, Object> state() {
        return Map.of();
    }

    /** Restores a state produced by {@link #state()} (numbers may come back as any {@link Number} type). */
    default void loadState(Map<String, Object> state) {}

    /** Whether a better value is lower or higher (the default for early stopping and best checkpoints). */
    Goal goal();
}
