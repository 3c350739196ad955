package dev.burnj.train.telemetry;

import static dev.burnj.train.telemetry.TelemetryAttributes.BACKEND;
import static dev.burnj.train.telemetry.TelemetryAttributes.BATCH;
import static dev.burnj.train.telemetry.TelemetryAttributes.BATCHES;
import static dev.burnj.train.telemetry.TelemetryAttributes.BATCH_SIZE;
import static dev.burnj.train.telemetry.TelemetryAttributes.CHECKPOINT;
import static dev.burnj.train.telemetry.TelemetryAttributes.DEVICE;
import static dev.burnj.train.telemetry.TelemetryAttributes.EPOCH;
import static dev.burnj.train.telemetry.TelemetryAttributes.EPOCHS;
import static dev.burnj.train.telemetry.TelemetryAttributes.INTERRUPTED;
import static dev.burnj.train.telemetry.TelemetryAttributes.METRIC;
import static dev.burnj.train.telemetry.TelemetryAttributes.RESUMED;
import static dev.burnj.train.telemetry.TelemetryAttributes.SPLIT;
import static dev.burnj.train.telemetry.TelemetryAttributes.STEP;
import static dev.burnj.train.telemetry.TelemetryAttributes.STOP_REASON;

import dev.burnj.train.Callback;
import dev.burnj.train.EpochMetrics;
import dev.burnj.train.FitResult;
import dev.burnj.train.StepEvent;
import dev.burnj.train.checkpoint.Checkpoint;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Learner's OpenTelemetry instrumentation, a {@link Callback} that every fit installs (a no-op without an SDK).
 *
 * <p>Spans: {@code burnj.fit} (a child of the caller's current span, if any) → {@code burnj.epoch} →
 * {@code burnj.validate}, and {@code burnj.step} under its epoch for the first step of a fit and every N-th optimizer
 * step (N = {@link #withStepSampling}, default 50) — a span per step would swamp a trace backend. A step span runs
 * from the end of the previous batch (or the epoch start, validation, checkpoint) to the end of its own, so it
 * includes waiting for data. A failing fit records the exception on the fit span and sets ERROR on every open span.
 *
 * <p>Instruments (meter {@value #SCOPE}), all with {@code burnj.backend} and {@code burnj.device}:
 * {@value #LOSS} (histogram of per-batch training loss), {@value #THROUGHPUT} (gauge, items/s of the latest batch),
 * {@value #ITEMS} and {@value #STEPS} (counters of items trained on and optimizer steps), {@value #LEARNING_RATE}
 * (gauge) and {@value #EPOCH_METRIC} (gauge of every metric's epoch value, with {@code burnj.metric} and
 * {@code burnj.split}). Names and attribute keys are in {@link TelemetryAttributes}.
 */
public final class TrainingTelemetry implements Callback {
    /** The instrumentation scope of the tracer and meter. */
    public static final String SCOPE = "dev.burnj.train";
    public static final String FIT_SPAN = "burnj.fit";
    public static final String EPOCH_SPAN = "burnj.epoch";
    public static final String VALIDATE_SPAN = "burnj.validate";
    public static final String STEP_SPAN = "burnj.step";
    /** The span event of a saved checkpoint. */
    public static final String CHECKPOINT_EVENT = "burnj.checkpoint";
    public static final String LOSS = "burnj.train.loss";
    public static final String THROUGHPUT = "burnj.train.throughput";
    public static final String ITEMS = "burnj.train.items";
    public static final String STEPS = "burnj.train.steps";
    public static final String LEARNING_RATE = "burnj.train.learning_rate";
    public static final String EPOCH_METRIC = "burnj.epoch.metric";

    /** Loss buckets from 1e-4 to 100, three per decade: losses span decades and shrink as training goes. */
    private static final List<Double> LOSS_BUCKETS = List.of(1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0,
            2.0, 5.0, 10.0, 20.0, 50.0, 100.0);

    private final OpenTelemetry otel;
    private final Tracer tracer;
    private final String backend;
    private final String device;
    private final int epochs;
    private final int sampleEvery;
    private final Attributes common;
    private final DoubleHistogram loss;
    private final DoubleGauge throughput;
    private final LongCounter items;
    private final LongCounter steps;
    private final DoubleGauge learningRate;
    private final DoubleGauge epochMetric;
    /** Wall-clock nanoseconds at {@link #anchorNanos} of the monotonic clock, for span timestamps. */
    private final long anchorEpochNanos;
    private final long anchorNanos;

    private Span fit;
    private Span epoch;
    private Span validate;
    private long mark;
    private long lastStep = -1;
    private boolean first = true;

    private TrainingTelemetry(OpenTelemetry otel, String backend, String device, int epochs, int sampleEvery) {
        this.otel = otel;
        this.tracer = otel.getTracer(SCOPE);
        this.backend = backend;
        this.device = device;
        this.epochs = epochs;
        this.sampleEvery = sampleEvery;
        this.common = Attributes.of(BACKEND, backend, DEVICE, device);
        Meter meter = otel.getMeter(SCOPE);
        this.loss = meter.histogramBuilder(LOSS).setDescription("Training loss per batch").setUnit("1")
                .setExplicitBucketBoundariesAdvice(LOSS_BUCKETS).build();
        this.throughput = meter.gaugeBuilder(THROUGHPUT).setDescription("Items per second of the latest training batch, data loading included")
                .setUnit("{item}/s").build();
        this.items = meter.counterBuilder(ITEMS).setDescription("Items trained on").setUnit("{item}").build();
        this.steps = meter.counterBuilder(STEPS).setDescription("Optimizer steps").setUnit("{step}").build();
        this.learningRate = meter.gaugeBuilder(LEARNING_RATE).setDescription("Learning rate of the optimizer's first group").setUnit("1").build();
        this.epochMetric = meter.gaugeBuilder(EPOCH_METRIC).setDescription("Epoch value of a metric, by metric and split").build();
        Instant now = Instant.now();
        this.anchorNanos = System.nanoTime();
        this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.mark = anchorNanos;
    }

    /**
     * Instrumentation for a fit of {@code epochs} epochs through {@code otel}, tagging spans and measurements with the
     * backend's name and the device.
     */
    public static TrainingTelemetry of(OpenTelemetry otel, String backend, String device, int epochs) {
        return new TrainingTelemetry(Objects.requireNonNull(otel, "otel"), Objects.requireNonNull(backend, "backend"),
                Objects.requireNonNull(device, "device"), epochs, 50);
    }

    /** Traces the first step and every {@code n}-th optimizer step (default 50). */
    public TrainingTelemetry withStepSampling(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("TrainingTelemetry step sampling must be >= 1, got " + n);
        }
        return new TrainingTelemetry(otel, backend, device, epochs, n);
    }

    @Override
    public void fitStart(int startEpoch, long startStep) {
        fit = child(FIT_SPAN, null).setAttribute(BACKEND, backend).setAttribute(DEVICE, device)
                .setAttribute(EPOCHS, (long) epochs).setAttribute(RESUMED, startEpoch > 0 || startStep > 0).startSpan();
        lastStep = startStep;
        mark = System.nanoTime();
    }

    @Override
    public void epochStart(int e, int batches) {
        epoch = child(EPOCH_SPAN, fit).setAttribute(EPOCH, (long) e).setAttribute(BATCHES, (long) batches).startSpan();
        mark = System.nanoTime();
    }

    @Override
    public void stepEnd(StepEvent event) {
        long now = System.nanoTime();
        double lossValue = event.values().getOrDefault("loss", Double.NaN);
        if (Double.isFinite(lossValue)) {
            loss.record(lossValue, common);
        }
        items.add(event.items(), common);
        if (event.step() > lastStep && lastStep >= 0) {
            steps.add(event.step() - lastStep, common);
        }
        if (now > mark) {
            throughput.set(event.items() * 1e9 / (now - mark), common);
        }
        if (Double.isFinite(event.learningRate())) {
            learningRate.set(event.learningRate(), common);
        }
        boolean sampled = first || (event.step() != lastStep && event.step() % sampleEvery == 0);
        if (sampled) {
            Span span = child(STEP_SPAN, epoch).setStartTimestamp(epochNanos(mark), TimeUnit.NANOSECONDS)
                    .setAttribute(EPOCH, (long) event.epoch()).setAttribute(STEP, event.step()).setAttribute(BATCH, (long) event.batch())
                    .setAttribute(BATCH_SIZE, (long) event.items()).setAttribute(BACKEND, backend).setAttribute(DEVICE, device)
                    .startSpan();
            setValues(span, event.values());
            span.end(epochNanos(now), TimeUnit.NANOSECONDS);
        }
        first = false;
        lastStep = event.step();
        mark = now;
    }

    @Override
    public void validationStart(int e, long step) {
        validate = child(VALIDATE_SPAN, epoch != null ? epoch : fit).setAttribute(EPOCH, (long) e).setAttribute(STEP, step).startSpan();
    }

    @Override
    public void validationEnd(EpochMetrics metrics) {
        recordEpoch(metrics);
        if (validate != null) {
            setValues(validate, metrics.values());
            end(validate);
            validate = null;
        }
        mark = System.nanoTime();
    }

    @Override
    public void checkpointSaved(Checkpoint checkpoint) {
        // on the fit span: epoch-end checkpoints are saved after their epoch's span has ended
        if (fit != null) {
            fit.addEvent(CHECKPOINT_EVENT, Attributes.of(STEP, checkpoint.step(), CHECKPOINT, checkpoint.directory().toString()));
        }
        mark = System.nanoTime();
    }

    @Override
    public void epochEnd(EpochMetrics train, EpochMetrics valid) {
        recordEpoch(train);
        if (epoch != null) {
            setValues(epoch, train.values());
            end(epoch);
            epoch = null;
        }
    }

    @Override
    public void fitEnd(FitResult<?> result) {
        if (epoch != null) {
            end(epoch);
            epoch = null;
        }
        if (fit != null) {
            fit.setAttribute(STOP_REASON, result.stopReason()).setAttribute(STEP, result.steps()).setAttribute(INTERRUPTED, result.interrupted());
            end(fit);
            fit = null;
        }
    }

    @Override
    public void exception(Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        for (Span open : new Span[] {validate, epoch}) {
            if (open != null) {
                open.setStatus(StatusCode.ERROR, message);
                end(open);
            }
        }
        validate = null;
        epoch = null;
        if (fit == null) {
            // failed before the loop began (e.g. an unreadable checkpoint): still one span that says so
            fitStart(0, 0);
        }
        fit.recordException(error);
        fit.setStatus(StatusCode.ERROR, message);
        end(fit);
        fit = null;
    }

    private void recordEpoch(EpochMetrics metrics) {
        for (Map.Entry<String, Double> e : metrics.values().entrySet()) {
            if (Double.isFinite(e.getValue())) {
                epochMetric.set(e.getValue(), common.toBuilder().put(METRIC, e.getKey()).put(SPLIT, metrics.split().label()).build());
            }
        }
    }

    private static void setValues(Span span, Map<String, Double> values) {
        values.forEach((name, v) -> span.setAttribute(TelemetryAttributes.metricValue(name), v));
    }

    /** A span under {@code parent}, or under the current context (the caller's span, if any) when null. */
    private SpanBuilder child(String name, Span parent) {
        SpanBuilder b = tracer.spanBuilder(name).setStartTimestamp(epochNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
        return parent == null ? b : b.setParent(Context.current().with(parent));
    }

    /**
     * Ends {@code span} on this class's clock: step spans start at a past instant of it, so every span uses it, to
     * nest consistently.
     */
    private void end(Span span) {
        span.end(epochNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private long epochNanos(long monotonic) {
        return anchorEpochNanos + (monotonic - anchorNanos);
    }
}
