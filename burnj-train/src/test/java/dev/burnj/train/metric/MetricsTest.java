package dev.burnj.train.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.Goal;
import dev.burnj.train.RegressionOutput;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {
    static final Device CPU = Device.of("nd4j");

    /** Scores whose argmax is {@code predicted} and whose second-best class is {@code second}, with a loss value. */
    static ClassificationOutput output(double loss, int classes, int[] predicted, int[] second, int[] targets) {
        float[] scores = new float[predicted.length * classes];
        for (int i = 0; i < predicted.length; i++) {
            for (int c = 0; c < classes; c++) {
                scores[i * classes + c] = -c * 0.01f;
            }
            scores[i * classes + second[i]] = 1;
            scores[i * classes + predicted[i]] = 2;
        }
        return new ClassificationOutput(Tensor1.from(TensorData.of(new float[] {(float) loss}, Shape.of(1)), CPU),
                Tensor2.from(TensorData.of(scores, Shape.of(predicted.length, classes)), CPU),
                IntTensor1.from(TensorData.of(targets, Shape.of(targets.length)), CPU));
    }

    static MetricContext batch(int items) {
        return new MetricContext(0, 1, items, 0.01);
    }

    @Test
    void lossIsWeightedByBatchSize() {
        LossMetric loss = LossMetric.of();
        assertTrue(Double.isNaN(loss.value()));
        try (TensorScope scope = TensorScope.open()) {
            assertEquals(0.5, loss.update(output(0.5, 2, new int[4], new int[] {1, 1, 1, 1}, new int[4]), batch(4)), 1e-7);
            assertEquals(2.0, loss.update(output(2.0, 2, new int[1], new int[] {1}, new int[1]), batch(1)), 1e-7);
        }
        assertEquals((0.5 * 4 + 2.0) / 5, loss.value(), 1e-7);
        assertEquals(Goal.MINIMIZE, loss.goal());
        loss.reset();
        assertTrue(Double.isNaN(loss.value()));
    }

    @Test
    void accuracyAndTopK() {
        AccuracyMetric accuracy = AccuracyMetric.of();
        TopKAccuracyMetric top2 = TopKAccuracyMetric.of(2);
        int[] predicted = {0, 1, 2, 2, 0};
        int[] second = {1, 2, 0, 1, 2};
        int[] targets = {0, 2, 1, 2, 1};
        try (TensorScope scope = TensorScope.open()) {
            ClassificationOutput out = output(1, 3, predicted, second, targets);
            // hits: items 0 and 3 exactly; item 1 has its target second
            assertEquals(2.0 / 5, accuracy.update(out, batch(5)), 1e-12);
            assertEquals(3.0 / 5, top2.update(out, batch(5)), 1e-12);
            assertEquals(1.0, TopKAccuracyMetric.of(9).update(out, batch(5)), 1e-12, "k beyond the classes counts every item");
        }
        assertEquals("top2_accuracy", top2.name());
        assertEquals(Goal.MAXIMIZE, accuracy.goal());
    }

    @Test
    void macroPrecisionRecallF1CountOverTheEpoch() {
        // targets and predictions over two batches; class 3 never occurs and does not count
        int[] targets = {0, 0, 1, 2, 2, 2};
        int[] predicted = {0, 1, 1, 2, 0, 2};
        PrecisionMetric precision = PrecisionMetric.of();
        RecallMetric recall = RecallMetric.of();
        F1Metric f1 = F1Metric.of();
        try (TensorScope scope = TensorScope.open()) {
            for (int[] range : new int[][] {{0, 2}, {2, 6}}) {
                int n = range[1] - range[0];
                int[] t = Arrays.copyOfRange(targets, range[0], range[1]);
                int[] p = Arrays.copyOfRange(predicted, range[0], range[1]);
                int[] s = new int[n];
                for (int i = 0; i < n; i++) {
                    s[i] = (p[i] + 1) % 4;
                }
                ClassificationOutput out = output(0, 4, p, s, t);
                precision.update(out, batch(n));
                recall.update(out, batch(n));
                f1.update(out, batch(n));
            }
        }
        // per class (tp, fp, fn): 0 -> (1, 1, 1), 1 -> (1, 1, 0), 2 -> (2, 0, 1)
        assertEquals((0.5 + 0.5 + 1.0) / 3, precision.value(), 1e-12);
        assertEquals((0.5 + 1.0 + 2.0 / 3) / 3, recall.value(), 1e-12);
        assertEquals((2.0 / 4 + 2.0 / 3 + 4.0 / 5) / 3, f1.value(), 1e-12);
        f1.reset();
        assertTrue(Double.isNaN(f1.value()));
    }

    @Test
    void badTargetsAreReported() {
        try (TensorScope scope = TensorScope.open()) {
            ClassificationOutput out = output(0, 3, new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 3});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccuracyMetric.of().update(out, batch(2)));
            assertTrue(e.getMessage().contains("target 3 of item 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> output(0, 3, new int[] {0, 1}, new int[] {1, 2}, new int[] {0}));
        }
    }

    @Test
    void meanAbsoluteError() {
        try (TensorScope scope = TensorScope.open()) {
            RegressionOutput out = new RegressionOutput(Tensor1.from(TensorData.of(new float[] {0}, Shape.of(1)), CPU),
                    Tensor2.from(TensorData.of(new float[] {1, 2, 3, 4}, Shape.of(2, 2)), CPU),
                    Tensor2.from(TensorData.of(new float[] {1.5f, 2, 1, 4}, Shape.of(2, 2)), CPU));
            assertEquals((0.5 + 0 + 2 + 0) / 4, MeanAbsoluteErrorMetric.of().update(out, batch(2)), 1e-7);
        }
    }

    @Test
    void throughputCountsWallTimeSinceTheEpochStarted() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ThroughputMetric throughput = new ThroughputMetric(now::get);
        now.addAndGet(500_000_000L);
        assertEquals(128, throughput.update(null, batch(64)), 1e-9);
        now.addAndGet(250_000_000L);
        assertEquals(256, throughput.update(null, batch(64)), 1e-9);
        assertEquals(128 / 0.75, throughput.value(), 1e-9);
    }

    @Test
    void sampledMetricsAggregateAsDocumented() {
        LearningRateMetric lr = LearningRateMetric.of();
        lr.update(null, new MetricContext(0, 1, 8, 0.1));
        lr.update(null, new MetricContext(0, 2, 8, 0.05));
        assertEquals(0.05, lr.value());
        HeapMemoryMetric heap = HeapMemoryMetric.of();
        double first = heap.update(null, batch(1));
        assertTrue(first > 0 && heap.value() >= first);
        DeviceMemoryMetric device = DeviceMemoryMetric.of(CPU);
        try (Tensor2 big = Tensor2.zeros(Shape.of(512, 512), TensorOptions.on(CPU))) {
            assertTrue(device.update(null, batch(1)) >= 1.0, "a live 1 MiB tensor counts");
        }
        double cpu = CpuUsageMetric.of().update(null, batch(1));
        assertTrue(Double.isNaN(cpu) || cpu >= 0, "cpu " + cpu);
    }
}
