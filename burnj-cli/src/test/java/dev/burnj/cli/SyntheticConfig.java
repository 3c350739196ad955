package dev.burnj.cli;

import dev.burnj.cli.task.TaskConfig;

/**
 * The hyper-parameters of {@link SyntheticTask}.
 *
 * @param stepDelayMs a pause in every training step, so that the signal tests can hit a step in progress
 * @param logEvery steps between progress lines, which the signal tests wait for
 */
public record SyntheticConfig(int epochs, int batchSize, double lr, int hidden, int trainItems, int testItems, int stepDelayMs,
        int logEvery)
        implements TaskConfig {
    public SyntheticConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("log_every must be >= 1, got " + logEvery);
        }
        if (stepDelayMs < 0) {
            throw new IllegalArgumentException("step_delay_ms must be >= 0, got " + stepDelayMs);
        }
    }
}
