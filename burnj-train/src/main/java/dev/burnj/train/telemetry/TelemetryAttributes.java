package dev.burnj.train.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attribute keys of the Learner's spans and measurements ({@link TrainingTelemetry}). */
public final class TelemetryAttributes {
    /** The epoch, from 0. */
    public static final AttributeKey<Long> EPOCH = AttributeKey.longKey("burnj.epoch");
    /** The number of epochs the fit runs. */
    public static final AttributeKey<Long> EPOCHS = AttributeKey.longKey("burnj.epochs");
    /** The global optimizer step. */
    public static final AttributeKey<Long> STEP = AttributeKey.longKey("burnj.step");
    /** The batch index within its epoch, from 0. */
    public static final AttributeKey<Long> BATCH = AttributeKey.longKey("burnj.batch");
    /** The number of batches an epoch runs. */
    public static final AttributeKey<Long> BATCHES = AttributeKey.longKey("burnj.batches");
    /** The number of items in a batch. */
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("burnj.batch.size");
    /** The backend's name ({@code Backend.name()}). */
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("burnj.backend");
    /** The device trained on ({@code Device.toString()}, e.g. {@code nd4j:cpu:0}). */
    public static final AttributeKey<String> DEVICE = AttributeKey.stringKey("burnj.device");
    /** Whether the fit resumed from a checkpoint. */
    public static final AttributeKey<Boolean> RESUMED = AttributeKey.booleanKey("burnj.resumed");
    /** Why the fit stopped ({@code FitResult.stopReason()}). */
    public static final AttributeKey<String> STOP_REASON = AttributeKey.stringKey("burnj.stop_reason");
    /** Whether an interrupter stopped the fit. */
    public static final AttributeKey<Boolean> INTERRUPTED = AttributeKey.booleanKey("burnj.interrupted");
    /** A metric's name, on the epoch-metric gauge. */
    public static final AttributeKey<String> METRIC = AttributeKey.stringKey("burnj.metric");
    /** The split ({@code train}, {@code valid}) of an epoch metric. */
    public static final AttributeKey<String> SPLIT = AttributeKey.stringKey("burnj.split");
    /** A checkpoint's directory, on the checkpoint span event. */
    public static final AttributeKey<String> CHECKPOINT = AttributeKey.stringKey("burnj.checkpoint");

    /** Spans carry metric values as {@code burnj.metric.<name>} (e.g. {@code burnj.metric.loss}). */
    public static AttributeKey<Double> metricValue(String metric) {
        return AttributeKey.doubleKey("burnj.metric." + metric);
    }

    private TelemetryAttributes() {}
}
