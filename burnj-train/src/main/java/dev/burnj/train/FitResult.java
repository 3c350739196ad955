package dev.burnj.train;

import dev.burnj.nn.Module;
import dev.burnj.train.checkpoint.Checkpoint;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code Learner.fit} returns: the trained model (the same instance that was given), the metric history, why
 * training stopped, the last checkpoint written, the step count and the profile.
 *
 * @param model the trained model
 * @param history every epoch's train and validation metrics
 * @param stopReason why fit returned ("completed 10 epochs", "max steps 50 reached", the early-stopping reason, ...)
 * @param epochs epochs fully or partly run, including those before a resume
 * @param steps optimizer steps made, including those before a resume
 * @param lastCheckpoint the newest checkpoint written, if checkpointing was on
 * @param profile time per phase
 * @param interrupted whether fit stopped because of an {@link Interrupter}
 */
public record FitResult<M extends Module>(M model, MetricHistory history, String stopReason, int epochs, long steps,
        Optional<Checkpoint> lastCheckpoint, Profile profile, boolean interrupted) {
    /** The wall time of this fit call. */
    public Duration wallTime() {
        return profile.total();
    }
}
