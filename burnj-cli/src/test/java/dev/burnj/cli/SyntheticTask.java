package dev.burnj.cli;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.cli.task.TrainingTask;
import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.tensor.Tensor2;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.LearnerBuilder;
import dev.burnj.train.Split;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.metric.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A real task for the CLI tests, registered in the test sources' META-INF/services: 4×4 grey images whose class is
 * the quarter with the brightest pixels, learnt by {@link SyntheticClassifier} with Adam.
 */
public final class SyntheticTask implements TrainingTask<SyntheticConfig, SyntheticClassifier, ClassificationBatch<Tensor2>, ClassificationOutput> {
    static final int FEATURES = 16;
    static final int CLASSES = 4;

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "brightest quarter of 4x4 synthetic images, two-layer MLP (test task)";
    }

    @Override
    public SyntheticConfig defaults() {
        return new SyntheticConfig(2, 16, 0.01, 32, 256, 128, 0, 5);
    }

    @Override
    public SyntheticClassifier model(SyntheticConfig config, TaskContext context) {
        return new SyntheticClassifier(context.tensorOptions(), config.hidden(), config.stepDelayMs());
    }

    @Override
    public Optimizer optimizer(SyntheticConfig config, SyntheticClassifier model, TaskContext context) {
        return AdamConfig.of().withLr(config.lr()).init();
    }

    @Override
    public Optional<DataLoader<?, ClassificationBatch<Tensor2>>> loader(SyntheticConfig config, Split split, TaskContext context) {
        // Different seeds per split, so that the test items are not the training items.
        Dataset<LabeledImage> data = switch (split) {
            case TRAIN -> images(config.trainItems(), 1);
            case VALID -> images(config.testItems(), 2);
            case TEST -> images(config.testItems(), 3);
        };
        return Optional.of(DataLoader.of(data, ImageBatcher.flat(), context.loaderConfig(config.batchSize(), split == Split.TRAIN),
                context.device()));
    }

    @Override
    public List<Supplier<? extends Metric<? super ClassificationOutput>>> metrics(SyntheticConfig config) {
        return List.of(AccuracyMetric::of);
    }

    @Override
    public void configure(LearnerBuilder<SyntheticClassifier, ClassificationBatch<Tensor2>, ClassificationOutput> builder,
            SyntheticConfig config, TaskContext context) {
        builder.logEvery(config.logEvery());
    }

    static Dataset<LabeledImage> images(int count, long seed) {
        Random r = new Random(seed);
        List<LabeledImage> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = r.nextInt(CLASSES);
            float[] px = new float[FEATURES];
            for (int p = 0; p < FEATURES; p++) {
                int quarter = (p / 8) * 2 + (p % 4) / 2;
                px[p] = (float) (r.nextDouble() * 0.5 + (quarter == label ? 0.5 : 0));
            }
            items.add(new LabeledImage(px, 1, 4, 4, label));
        }
        return Dataset.of(items);
    }
}
