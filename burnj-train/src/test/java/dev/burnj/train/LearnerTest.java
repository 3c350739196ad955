package dev.burnj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.Checkpointer;
import dev.burnj.train.checkpoint.RetentionPolicy;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.metric.Metric;
import dev.burnj.train.metric.MetricContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerTest {
    static final Device AD = Device.of("nd4j").autodiff();

    @TempDir
    Path dir;

    static TestMlp model(long seed) {
        return new TestMlp(TensorOptions.on(AD).withDType(DType.F32).withGenerator(Generator.of(seed)), 16, 32, 4, 0.2);
    }

    static DataLoader<LabeledImage, ClassificationBatch<Tensor2>> loader(Dataset<LabeledImage> data, int batch, boolean shuffle) {
        DataLoaderConfig config = DataLoaderConfig.of(batch);
        return DataLoader.of(data, ImageBatcher.flat(), shuffle ? config.withShuffle(5) : config, AD);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Records the callback events as short strings. */
    static final class Recorder implements Callback {
        final List<String> events = new ArrayList<>();

        @Override
        public void fitStart(int startEpoch, long startStep) {
            events.add("fitStart");
        }

        @Override
        public void epochStart(int epoch, int batches) {
            events.add("epochStart " + epoch);
        }

        @Override
        public void stepEnd(StepEvent event) {
            events.add("step");
        }

        @Override
        public void validationEnd(EpochMetrics metrics) {
            events.add("validation " + metrics.epoch());
        }

        @Override
        public void checkpointSaved(Checkpoint checkpoint) {
            events.add("checkpoint " + checkpoint.step());
        }

        @Override
        public void epochEnd(EpochMetrics train, EpochMetrics valid) {
            events.add("epochEnd " + train.epoch());
        }

        @Override
        public void fitEnd(FitResult<?> result) {
            events.add("fitEnd");
        }
    }

    @Test
    void trainsValidatesLogsAndCheckpoints() throws IOException {
        TestMlp mlp = model(1);
        Optimizer adam = AdamConfig.of().withLr(0.02).init();
        Recorder recorder = new Recorder();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (var train = loader(Synthetic.images(256, 1), 32, true); var valid = loader(Synthetic.images(64, 2), 32, false)) {
            FitResult<TestMlp> result = Learner.builder(mlp, adam)
                    .metric(AccuracyMetric::of).epochs(3).artifactDir(dir).callback(recorder).logEvery(4).profile(true)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8)).build()
                    .fit(train, valid);
            assertEquals(24, result.steps());
            assertEquals(3, result.epochs());
            assertEquals("completed 3 epochs", result.stopReason());
            EpochMetrics last = result.history().get(Split.VALID, 2).orElseThrow();
            assertTrue(last.value("accuracy").getAsDouble() > 0.8, "the synthetic task is learnt: " + last);
            assertTrue(result.history().get(Split.TRAIN, 2).orElseThrow().value("loss").getAsDouble()
                    < result.history().get(Split.TRAIN, 0).orElseThrow().value("loss").getAsDouble());
        }
        List<String> expected = new ArrayList<>(List.of("fitStart"));
        for (int e = 0; e < 3; e++) {
            expected.add("epochStart " + e);
            for (int s = 0; s < 8; s++) {
                expected.add("step");
            }
            expected.addAll(List.of("validation " + e, "epochEnd " + e, "checkpoint " + (e + 1) * 8));
        }
        expected.add("fitEnd");
        assertEquals(expected, recorder.events);

        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(CsvMetricLogger.HEADER, csv.get(0));
        assertEquals(24 * 2, csv.stream().filter(l -> l.startsWith("step,train,")).count(), "loss and accuracy per step");
        assertEquals(3 * 2, csv.stream().filter(l -> l.startsWith("epoch,valid,")).count());
        // keep the last 2 plus the best validation loss: at most 3, and the newest is there
        List<Checkpoint> kept = Checkpointer.in(dir.resolve("checkpoints")).list();
        assertTrue(kept.size() >= 2 && kept.size() <= 3, kept.toString());
        assertEquals(24, kept.get(kept.size() - 1).step());
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 3/3 done in") && out.contains("valid loss") && out.contains("best epoch"), out);
        assertTrue(out.contains("forward") && out.contains("optimizer") && out.contains("share"), "the profile table: " + out);
        adam.close();
        mlp.close();
    }

    /** A metric whose epoch value follows a script, to drive early stopping and best checkpoints. */
    static final class Scripted implements Metric<Object> {
        private final double[] script;
        private int epoch;

        Scripted(double... script) {
            this.script = script;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public double update(Object input, MetricContext context) {
            epoch = context.epoch();
            return script[epoch];
        }

        @Override
        public double value() {
            return script[epoch];
        }

        @Override
        public void reset() {}

        @Override
        public Goal goal() {
            return Goal.MINIMIZE;
        }
    }

    @Test
    void earlyStoppingStopsAtTheRightEpochAndKeepBestKeepsTheBest() throws IOException {
        TestMlp mlp = model(2);
        Optimizer adam = AdamConfig.of().init();
        double[] script = {1.0, 0.8, 0.9, 0.85, 0.7, 0.6};
        try (var train = loader(Synthetic.images(64, 3), 32, true); var valid = loader(Synthetic.images(32, 4), 32, false)) {
            FitResult<TestMlp> result = Learner.builder(mlp, adam)
                    .metric(() -> new Scripted(script)).epochs(6).artifactDir(dir).output(quiet())
                    .earlyStopping(EarlyStopping.monitor("scripted", Goal.MINIMIZE).withPatience(2))
                    .retention(RetentionPolicy.keepLast(1).or(RetentionPolicy.keepBest(1, "valid_scripted", Goal.MINIMIZE)))
                    .build().fit(train, valid);
            // best 0.8 after epoch index 1; indices 2 and 3 do not improve -> stop after 4 epochs
            assertEquals(4, result.epochs());
            assertTrue(result.stopReason().startsWith("early stopping: valid scripted did not improve for 2 epochs"), result.stopReason());
        }
        List<Long> steps = Checkpointer.in(dir.resolve("checkpoints")).list().stream().map(Checkpoint::step).toList();
        assertEquals(List.of(4L, 8L), steps, "the best (after epoch 2, step 4) and the last (step 8)");
        adam.close();
        mlp.close();
    }

    /** Per-step losses from a run. */
    static final class Losses implements Callback {
        final List<Double> values = new ArrayList<>();

        @Override
        public void stepEnd(StepEvent event) {
            values.add(event.values().get("loss"));
        }
    }

    @Test
    void maxStepsStopsAndAResumeContinuesToTheNewLimit() throws IOException {
        Dataset<LabeledImage> data = Synthetic.images(96, 5);
        TestMlp a = model(3);
        Optimizer adamA = AdamConfig.of().init();
        try (var train = loader(data, 16, true)) {
            FitResult<TestMlp> first = Learner.builder(a, adamA).epochs(5).maxSteps(5).artifactDir(dir).output(quiet())
                    .build().fit(train, null);
            assertEquals("max steps 5 reached", first.stopReason());
            assertEquals(5, first.steps());
            assertEquals(5, first.lastCheckpoint().orElseThrow().step());
        }
        TestMlp b = model(99);
        Optimizer adamB = AdamConfig.of().init();
        try (var train = loader(data, 16, true)) {
            FitResult<TestMlp> second = Learner.builder(b, adamB).epochs(5).maxSteps(8).artifactDir(dir).resume(true)
                    .output(quiet()).build().fit(train, null);
            assertEquals(8, second.steps());
            assertEquals(1, second.epochs() - 1, "step 8 lies in the second epoch (6 batches per epoch)");
        }
        TestMlp c = model(4);
        IllegalStateException fresh = assertThrows(IllegalStateException.class, () -> {
            try (var train = loader(data, 16, true)) {
                Learner.builder(c, adamB).artifactDir(dir).output(quiet()).build().fit(train, null);
            }
        });
        assertTrue(fresh.getMessage().contains("already holds checkpoints"), fresh.getMessage());
        for (AutoCloseable x : new AutoCloseable[] {adamA, adamB, a, b, c}) {
            close(x);
        }
    }

    @Test
    void fastDevRunRunsOneBatchEachAndWritesNothing() throws IOException {
        TestMlp mlp = model(5);
        Optimizer adam = AdamConfig.of().init();
        Recorder recorder = new Recorder();
        try (var train = loader(Synthetic.images(64, 6), 16, true); var valid = loader(Synthetic.images(32, 7), 16, false)) {
            FitResult<TestMlp> result = Learner.builder(mlp, adam).epochs(10).fastDevRun(true).artifactDir(dir)
                    .callback(recorder).output(quiet()).build().fit(train, valid);
            assertEquals(1, result.steps());
            assertTrue(result.lastCheckpoint().isEmpty());
        }
        assertEquals(List.of("fitStart", "epochStart 0", "step", "validation 0", "epochEnd 0", "fitEnd"), recorder.events);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no artifacts");
        }
        adam.close();
        mlp.close();
    }

    /** Returns a NaN loss from the given step on. */
    static final class Diverging extends TestMlp {
        private final int badBatch;
        private int batches;

        Diverging(int badBatch) {
            super(TensorOptions.on(AD).withDType(DType.F32).withGenerator(Generator.of(8)), 16, 8, 4, 0);
            this.badBatch = badBatch;
        }

        @Override
        public ClassificationOutput trainStep(ClassificationBatch<Tensor2> batch) {
            ClassificationOutput out = super.trainStep(batch);
            if (++batches == badBatch) {
                Tensor1 nan = out.loss().mul(Double.NaN);
                return new ClassificationOutput(nan, out.scores(), out.targets());
            }
            return out;
        }
    }

    @Test
    void aNonFiniteLossStopsWithTheStepAndTheLastGoodCheckpoint() throws IOException {
        Diverging model = new Diverging(7);
        Optimizer adam = AdamConfig.of().init();
        Optimizer adam2 = AdamConfig.of().init();
        try (var train = loader(Synthetic.images(64, 8), 16, true)) {
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> Learner.builder(model, adam)
                    .epochs(3).artifactDir(dir).output(quiet()).build().fit(train, null));
            assertEquals(7, e.step());
            assertTrue(e.getMessage().contains("epoch 1, batch 2 (global step 7)") && e.getMessage().contains("checkpoint-000000000004"),
                    e.getMessage());
        }
        Diverging skipping = new Diverging(3);
        try (var train = loader(Synthetic.images(64, 8), 16, true)) {
            FitResult<Diverging> result = Learner.builder(skipping, adam2).epochs(2).onNonFiniteLoss(NonFiniteLossPolicy.SKIP_STEP)
                    .output(quiet()).build().fit(train, null);
            assertEquals(7, result.steps(), "one of 8 batches skipped");
            for (double[] w : skipping.weights()) {
                for (double v : w) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
        for (AutoCloseable x : new AutoCloseable[] {adam, adam2, model, skipping}) {
            close(x);
        }
    }

    static void close(AutoCloseable x) {
        try {
            x.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static double[][] moments(Optimizer opt) {
        return opt.exportState().params().values().stream().flatMap(p -> p.tensors().values().stream())
                .map(t -> t.toDoubles()).toArray(double[][]::new);
    }

    static void assertSame2d(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, what + " " + i);
        }
    }

    @Test
    void deterministicRunsRepeatBitForBitAndNeedASeed() {
        double[][][] weights = new double[2][][];
        for (int run = 0; run < 2; run++) {
            TestMlp mlp = model(10);
            Optimizer adam = AdamConfig.of().init();
            try (var train = loader(Synthetic.images(128, 9), 16, true)) {
                Learner.builder(mlp, adam).epochs(2).seed(77).deterministic(true).output(quiet()).build().fit(train, null);
            }
            weights[run] = mlp.weights();
            close(adam);
            mlp.close();
        }
        assertSame2d(weights[0], weights[1], "parameter");
        TestMlp mlp = model(12);
        Optimizer adam = AdamConfig.of().init();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Learner.builder(mlp, adam).deterministic(true).build());
        assertTrue(e.getMessage().contains("needs a seed"), e.getMessage());
        close(adam);
        mlp.close();
    }

    @Test
    void configErrorsAreClear() {
        TestMlp mlp = model(9);
        Optimizer adam = AdamConfig.of().init();
        var b = Learner.builder(mlp, adam);
        assertThrows(IllegalArgumentException.class, () -> b.epochs(0));
        assertTrue(assertThrows(IllegalStateException.class, () -> b.earlyStopping(EarlyStopping.monitor("accuracy", Goal.MAXIMIZE)).build())
                .getMessage().contains("not a configured metric"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Learner.builder(mlp, adam).devices(AD, AD).build())
                .getMessage().contains("2 devices"));
        assertFalse(mlp.parameters().isEmpty());
        mlp.close();
    }
}
