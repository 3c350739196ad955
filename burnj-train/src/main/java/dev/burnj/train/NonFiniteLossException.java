package dev.burnj.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because a loss was NaN or infinite. The message names the epoch, the batch and the global step,
 * and the last checkpoint that holds good weights, if any.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final transient Path lastGoodCheckpoint;

    NonFiniteLossException(double loss, int epoch, int batch, long step, Path lastGoodCheckpoint) {
        super("loss is " + loss + " at epoch " + epoch + ", batch " + batch + " (global step " + step + "); "
                + (lastGoodCheckpoint == null ? "no checkpoint was saved before it" : "the last good checkpoint is " + lastGoodCheckpoint)
                + ". Lower the learning rate, clip gradients, or set NonFiniteLossPolicy.SKIP_STEP to skip such batches");
        this.step = step;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    /** The global step whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The newest checkpoint saved before the failure. */
    public Optional<Path> lastGoodCheckpoint() {
        return Optional.ofNullable(lastGoodCheckpoint);
    }
}
