package dev.burnj.train;

import java.io.IOException;

/**
 * Receives every metric value of a fit: per training step and per epoch and split. The Learner writes to a
 * {@link CsvMetricLogger} in its artifact directory by default; user-defined ones plug in the same way (OpenTelemetry
 * gets the same values through {@link dev.burnj.train.telemetry.TrainingTelemetry}, a callback). Loggers are called
 * on the training thread.
 */
public interface MetricLogger extends AutoCloseable {
    /** The metric values of one training step. */
    void logStep(StepEvent event) throws IOException;

    /** The epoch values of one split. */
    void logEpoch(EpochMetrics metrics) throws IOException;

    /**
     * Called when a fit resumes from a checkpoint at {@code step} of {@code epoch}: forget anything logged after it,
     * so the log reads as if training had never been interrupted.
     */
    default void resumeAt(int epoch, long step) throws IOException {}

    @Override
    default void close() throws IOException {}
}
