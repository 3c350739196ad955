/**
 * OpenTelemetry for the Learner: a span per fit, epoch and validation, sampled step spans, and metric instruments
 * for loss, throughput, learning rate and every epoch metric ({@link dev.burnj.train.telemetry.TrainingTelemetry}).
 * Through the API only: without an installed SDK everything is a no-op.
 */
package dev.burnj.train.telemetry;
