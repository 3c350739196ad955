package dev.burnj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.transform.RandomHorizontalFlip;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.lr.CosineAnnealingLr;
import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.testkit.Requirement;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.metric.F1Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume: with dropout, shuffling, 2 loader workers, a random flip, Adam and a per-step cosine schedule, a run
 * interrupted mid-epoch and resumed into freshly built objects matches an uninterrupted run bit for bit — the losses
 * after the resume point, the parameters, the optimizer moments and the metric history.
 */
class ExactResumeTest {
    private static final int BATCH = 32, EPOCHS = 2;

    @TempDir
    Path dir;

    /** The outcome of one run: per-step losses, final parameters and optimizer moments. */
    record Run(List<Double> losses, double[][] weights, double[][] moments, FitResult<TestMlp> result) {}

    private Run run(Dataset<LabeledImage> data, int features, Path artifacts, long interruptAtStep, boolean resume, long initSeed) throws IOException {
        TestMlp model = new TestMlp(TensorOptions.on(LearnerTest.AD).withDType(DType.F32).withGenerator(Generator.of(initSeed)), features, 64,
                10, 0.3);
        Optimizer adam = AdamConfig.of().withLr(2e-3).init();
        LearnerTest.Losses losses = new LearnerTest.Losses();
        Interrupter interrupter = Interrupter.create();
        DataLoaderConfig config = DataLoaderConfig.of(BATCH).withShuffle(11).withWorkers(2);
        try (DataLoader<LabeledImage, ClassificationBatch<Tensor2>> train = DataLoader.of(data, RandomHorizontalFlip.of(0.5), ImageBatcher.flat(),
                config, LearnerTest.AD)) {
            int steps = EPOCHS * train.numBatches();
            var builder = Learner.builder(model, adam).scheduler(CosineAnnealingLr.of(steps, 1e-5), SchedulerInterval.STEP).epochs(EPOCHS)
                    .metric(AccuracyMetric::of).metric(F1Metric::of).seed(2026).interrupter(interrupter).callback(losses).output(LearnerTest.quiet()).summary(false)
                    .callback(new Callback() {
                        @Override
                        public void stepEnd(StepEvent event) {
                            if (event.step() == interruptAtStep) {
                                interrupter.stop();
                            }
                        }
                    });
            if (artifacts != null) {
                builder.artifactDir(artifacts).resume(resume);
            }
            FitResult<TestMlp> result = builder.build().fit(train, null);
            Run out = new Run(losses.values, model.weights(), LearnerTest.moments(adam), result);
            adam.close();
            model.close();
            return out;
        }
    }

    private void check(Dataset<LabeledImage> data, int features, long interruptAt) throws IOException {
        Run whole = run(data, features, null, -1, false, 1);
        Run first = run(data, features, dir, interruptAt, false, 1);
        assertTrue(first.result().interrupted(), first.result().stopReason());
        assertEquals(interruptAt, first.result().steps());
        assertEquals(interruptAt, first.result().lastCheckpoint().orElseThrow().step(), "the interrupt wrote a checkpoint");
        assertEquals(whole.losses().subList(0, (int) interruptAt), first.losses(), "identical up to the interrupt");
        // A different initialisation seed: everything must come from the checkpoint.
        Run resumed = run(data, features, dir, -1, true, 777);
        assertEquals(whole.result().steps(), resumed.result().steps());
        List<Double> after = whole.losses().subList((int) interruptAt, whole.losses().size());
        assertTrue(after.size() >= 10, "at least 10 losses after the resume point, got " + after.size());
        assertEquals(after, resumed.losses(), "the losses after the resume point");
        LearnerTest.assertSame2d(whole.weights(), resumed.weights(), "parameter");
        LearnerTest.assertSame2d(whole.moments(), resumed.moments(), "optimizer state");
        // The interrupted epoch's training metrics continue from the checkpointed metric state.
        assertEquals(whole.result().history(), resumed.result().history(), "the metric history");
    }

    @Test
    void resumesSyntheticTrainingBitForBit() throws IOException {
        // 500 items in batches of 32: 16 batches per epoch; interrupt mid-way through the first epoch
        check(Synthetic.images(500, 21), 16, 7);
    }

    @Test
    void resumesFashionMnistTrainingBitForBit() throws IOException {
        Dataset<LabeledImage> train;
        try {
            train = FashionMnistDataset.train();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
            return;
        }
        // the 2 000-item subset of the issue: 63 batches per epoch; interrupt in the middle of the second epoch
        check(train.range(0, 2000), 784, 90);
    }
}
