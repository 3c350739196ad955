package dev.burnj.train;

import dev.burnj.train.checkpoint.Checkpoint;

/**
 * Hooks into {@code Learner.fit} (Lightning's callbacks): every method has a no-op default, so a callback overrides
 * only what it needs. Events arrive in this order: {@code fitStart}, then per epoch {@code epochStart}, a
 * {@code stepEnd} per batch (with {@code validationStart}, {@code validationEnd} and {@code checkpointSaved} where
 * they happen), and {@code epochEnd}; finally {@code fitEnd} — or {@code exception} if fit fails. Callbacks run on the training thread.
 */
public interface Callback {
    default void fitStart(int startEpoch, long startStep) {}

    default void epochStart(int epoch, int batches) {}

    default void stepEnd(StepEvent event) {}

    /** Validation of {@code epoch} begins, after optimizer step {@code step}. */
    default void validationStart(int epoch, long step) {}

    /** Validation finished: the validation metrics of {@code epoch} (also mid-epoch, when validating every N steps). */
    default void validationEnd(EpochMetrics metrics) {}

    default void checkpointSaved(Checkpoint checkpoint) {}

    /** An epoch finished: its training metrics, and the validation metrics if it validated (else null). */
    default void epochEnd(EpochMetrics train, EpochMetrics valid) {}

    default void fitEnd(FitResult<?> result) {}

    /** {@code fit} is about to throw {@code error}. */
    default void exception(Throwable error) {}
}
