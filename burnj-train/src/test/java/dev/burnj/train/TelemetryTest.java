package dev.burnj.train;

import static dev.burnj.train.LearnerTest.AD;
import static dev.burnj.train.LearnerTest.loader;
import static dev.burnj.train.LearnerTest.model;
import static dev.burnj.train.LearnerTest.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.telemetry.TelemetryAttributes;
import dev.burnj.train.telemetry.TrainingTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Learner's spans and metrics, through an in-memory OpenTelemetry SDK, on tiny real fits. */
class TelemetryTest {
    @TempDir
    Path dir;

    private InMemorySpanExporter spans;
    private InMemoryMetricReader metrics;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void sdk() {
        spans = InMemorySpanExporter.create();
        metrics = InMemoryMetricReader.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
    }

    @AfterEach
    void close() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void aFitReportsItsSpanTreeAndMetrics() {
        TestMlp mlp = model(11);
        Optimizer adam = AdamConfig.of().withLr(0.02).init();
        LearnerTest.Losses losses = new LearnerTest.Losses();
        FitResult<TestMlp> result;
        try (var train = loader(Synthetic.images(64, 1), 16, true); var valid = loader(Synthetic.images(32, 2), 16, false)) {
            result = Learner.builder(mlp, adam).metric(AccuracyMetric::of).epochs(2).artifactDir(dir).output(quiet())
                    .telemetry(sdk).traceStepsEvery(3).callback(losses).build().fit(train, valid);
        }
        assertEquals(8, result.steps());
        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData fit = only(all, TrainingTelemetry.FIT_SPAN);
        assertFalse(SpanId.isValid(fit.getParentSpanId()), "the fit span is a root here");
        assertEquals(StatusCode.UNSET, fit.getStatus().getStatusCode());
        assertEquals(AD.backend().name(), fit.getAttributes().get(TelemetryAttributes.BACKEND));
        assertEquals(AD.toString(), fit.getAttributes().get(TelemetryAttributes.DEVICE));
        assertEquals(2L, fit.getAttributes().get(TelemetryAttributes.EPOCHS));
        assertEquals(8L, fit.getAttributes().get(TelemetryAttributes.STEP));
        assertEquals("completed 2 epochs", fit.getAttributes().get(TelemetryAttributes.STOP_REASON));
        assertEquals(false, fit.getAttributes().get(TelemetryAttributes.RESUMED));
        assertTrue(all.stream().allMatch(s -> s.getTraceId().equals(fit.getTraceId())), "one trace");

        Map<Long, SpanData> epochs = byEpoch(all, TrainingTelemetry.EPOCH_SPAN);
        assertEquals(List.of(0L, 1L), List.copyOf(epochs.keySet()));
        for (long e = 0; e < 2; e++) {
            SpanData epoch = epochs.get(e);
            assertEquals(fit.getSpanId(), epoch.getParentSpanId());
            assertEquals(4L, epoch.getAttributes().get(TelemetryAttributes.BATCHES));
            assertEquals(result.history().get(Split.TRAIN, (int) e).orElseThrow().value("loss").getAsDouble(),
                    epoch.getAttributes().get(TelemetryAttributes.metricValue("loss")));
        }
        // a checkpoint per epoch, as events of the fit span
        List<EventData> checkpoints = fit.getEvents();
        assertEquals(List.of(TrainingTelemetry.CHECKPOINT_EVENT, TrainingTelemetry.CHECKPOINT_EVENT),
                checkpoints.stream().map(EventData::getName).toList());
        assertEquals(List.of(4L, 8L), checkpoints.stream().map(c -> c.getAttributes().get(TelemetryAttributes.STEP)).toList());
        assertTrue(checkpoints.get(1).getAttributes().get(TelemetryAttributes.CHECKPOINT).startsWith(dir.toString()));
        Map<Long, SpanData> validations = byEpoch(all, TrainingTelemetry.VALIDATE_SPAN);
        assertEquals(2, validations.size());
        validations.forEach((e, v) -> {
            assertEquals(epochs.get(e).getSpanId(), v.getParentSpanId(), "validation " + e + " is a child of its epoch");
            assertEquals(result.history().get(Split.VALID, e.intValue()).orElseThrow().value("accuracy").getAsDouble(),
                    v.getAttributes().get(TelemetryAttributes.metricValue("accuracy")));
        });

        // the first step, then every 3rd: steps 1, 3 and 6 (epochs 0, 0 and 1)
        List<SpanData> steps = all.stream().filter(s -> s.getName().equals(TrainingTelemetry.STEP_SPAN))
                .sorted((a, b) -> Long.compare(a.getAttributes().get(TelemetryAttributes.STEP), b.getAttributes().get(TelemetryAttributes.STEP)))
                .toList();
        assertEquals(List.of(1L, 3L, 6L), steps.stream().map(s -> s.getAttributes().get(TelemetryAttributes.STEP)).toList());
        assertEquals(List.of(0L, 0L, 1L), steps.stream().map(s -> s.getAttributes().get(TelemetryAttributes.EPOCH)).toList());
        assertEquals(List.of(0L, 2L, 1L), steps.stream().map(s -> s.getAttributes().get(TelemetryAttributes.BATCH)).toList());
        for (SpanData s : steps) {
            long epoch = s.getAttributes().get(TelemetryAttributes.EPOCH);
            assertEquals(epochs.get(epoch).getSpanId(), s.getParentSpanId(), "a step span is a child of its epoch");
            assertEquals(16L, s.getAttributes().get(TelemetryAttributes.BATCH_SIZE));
            assertEquals(AD.backend().name(), s.getAttributes().get(TelemetryAttributes.BACKEND));
            assertEquals(AD.toString(), s.getAttributes().get(TelemetryAttributes.DEVICE));
            int index = s.getAttributes().get(TelemetryAttributes.STEP).intValue() - 1;
            assertEquals(losses.values.get(index), s.getAttributes().get(TelemetryAttributes.metricValue("loss")));
            assertTrue(s.getStartEpochNanos() <= s.getEndEpochNanos());
            assertTrue(s.getStartEpochNanos() >= epochs.get(epoch).getStartEpochNanos(), "within its epoch");
        }
        assertEquals(1 + 2 + 2 + 3, all.size(), "nothing else");

        Map<String, MetricData> byName = metrics.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, Function.identity()));
        Attributes common = Attributes.of(TelemetryAttributes.BACKEND, AD.backend().name(), TelemetryAttributes.DEVICE, AD.toString());
        HistogramPointData loss = byName.get(TrainingTelemetry.LOSS).getHistogramData().getPoints().iterator().next();
        assertEquals(common, loss.getAttributes());
        assertEquals(8, loss.getCount());
        assertEquals(losses.values.stream().mapToDouble(Double::doubleValue).sum(), loss.getSum(), 1e-9);
        assertEquals(losses.values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), loss.getMax(), 0.0);
        assertEquals(128L, byName.get(TrainingTelemetry.ITEMS).getLongSumData().getPoints().iterator().next().getValue());
        assertEquals(8L, byName.get(TrainingTelemetry.STEPS).getLongSumData().getPoints().iterator().next().getValue());
        assertEquals(0.02, gauge(byName.get(TrainingTelemetry.LEARNING_RATE)).iterator().next().getValue(), 1e-12);
        double itemsPerSecond = gauge(byName.get(TrainingTelemetry.THROUGHPUT)).iterator().next().getValue();
        assertTrue(itemsPerSecond > 0 && Double.isFinite(itemsPerSecond), "throughput " + itemsPerSecond);

        // every metric's latest epoch value, per split
        Collection<DoublePointData> epochValues = gauge(byName.get(TrainingTelemetry.EPOCH_METRIC));
        assertEquals(4, epochValues.size(), "loss and accuracy, train and valid");
        for (Split split : List.of(Split.TRAIN, Split.VALID)) {
            EpochMetrics last = result.history().get(split, 1).orElseThrow();
            for (String metric : List.of("loss", "accuracy")) {
                Attributes key = common.toBuilder().put(TelemetryAttributes.METRIC, metric).put(TelemetryAttributes.SPLIT, split.label()).build();
                DoublePointData point = epochValues.stream().filter(p -> p.getAttributes().equals(key)).findFirst().orElseThrow(
                        () -> new AssertionError("no point for " + key));
                assertEquals(last.value(metric).getAsDouble(), point.getValue(), 0.0, key.toString());
            }
        }
        adam.close();
        mlp.close();
    }

    @Test
    void aFailingFitRecordsTheExceptionOnTheFitSpanWithErrorStatus() {
        LearnerTest.Diverging diverging = new LearnerTest.Diverging(6);
        Optimizer adam = AdamConfig.of().init();
        try (var train = loader(Synthetic.images(64, 8), 16, true)) {
            assertThrows(NonFiniteLossException.class, () -> Learner.builder(diverging, adam).epochs(3).output(quiet())
                    .telemetry(sdk).build().fit(train, null));
        }
        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData fit = only(all, TrainingTelemetry.FIT_SPAN);
        assertEquals(StatusCode.ERROR, fit.getStatus().getStatusCode());
        assertTrue(fit.getStatus().getDescription().startsWith("NonFiniteLossException"), fit.getStatus().getDescription());
        EventData exception = fit.getEvents().stream().filter(e -> e.getName().equals("exception")).findFirst().orElseThrow();
        assertEquals(NonFiniteLossException.class.getName(), exception.getAttributes().get(AttributeKey.stringKey("exception.type")));
        Map<Long, SpanData> epochs = byEpoch(all, TrainingTelemetry.EPOCH_SPAN);
        assertEquals(StatusCode.UNSET, epochs.get(0L).getStatus().getStatusCode());
        assertEquals(StatusCode.ERROR, epochs.get(1L).getStatus().getStatusCode(), "the epoch that failed");
        assertEquals(2, epochs.size());
        adam.close();
        diverging.close();
    }

    @Test
    void theGlobalInstanceIsUsedWhenInstalledAndLeftAloneWhenNot() {
        TestMlp mlp = model(12);
        Optimizer adam = AdamConfig.of().init();
        GlobalOpenTelemetry.resetForTest();
        try (var train = loader(Synthetic.images(32, 1), 16, true)) {
            Learner.builder(mlp, adam).output(quiet()).build().fit(train, null);
            assertFalse(GlobalOpenTelemetry.isSet(), "a fit without an SDK leaves the global unset, so that one can be installed later");
            GlobalOpenTelemetry.set(sdk);
            Learner.builder(mlp, adam).output(quiet()).build().fit(train, null);
        }
        assertNotNull(only(spans.getFinishedSpanItems(), TrainingTelemetry.FIT_SPAN));
        assertEquals(1, byEpoch(spans.getFinishedSpanItems(), TrainingTelemetry.EPOCH_SPAN).size(), "the second fit's epoch only");
        adam.close();
        mlp.close();
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, named.size(), name + " in " + spans);
        return named.get(0);
    }

    private static Map<Long, SpanData> byEpoch(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name))
                .collect(Collectors.toMap(s -> s.getAttributes().get(TelemetryAttributes.EPOCH), Function.identity(), (a, b) -> {
                    throw new AssertionError("two " + name + " spans for one epoch");
                }, java.util.TreeMap::new));
    }

    private static Collection<DoublePointData> gauge(MetricData data) {
        return data.getDoubleGaugeData().getPoints();
    }
}
