package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.cli.task.TrainingTask;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.nn.Module;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.tensor.BaseTensor;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.Split;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.metric.Metric;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the built-in Fashion-MNIST tasks share: the hyper-parameters, Adam, the 55 000 / 5 000 / 10 000 split and the
 * accuracy metric. A subclass names the task, builds its network and says how images are batched.
 *
 * @param <M> the network
 * @param <X> the batched image tensor ({@code Tensor2 [B, 784]} or {@code Tensor4 [B, 1, 28, 28]})
 */
abstract class FashionMnistTask<M extends Module & TrainStep<ClassificationBatch<X>, ClassificationOutput>
        & ValidStep<ClassificationBatch<X>, ClassificationOutput>, X extends BaseTensor<X, ?, ?, ?>>
        implements TrainingTask<FashionMnistConfig, M, ClassificationBatch<X>, ClassificationOutput> {
    /** How the task's network takes its images. */
    abstract Batcher<LabeledImage, ClassificationBatch<X>> batcher();

    @Override
    public final FashionMnistConfig defaults() {
        return FashionMnistConfig.defaults();
    }

    @Override
    public final Optimizer optimizer(FashionMnistConfig config, M model, TaskContext context) {
        return AdamConfig.of().withLr(config.lr()).init();
    }

    @Override
    public final Optional<DataLoader<?, ClassificationBatch<X>>> loader(FashionMnistConfig config, Split split, TaskContext context) {
        return FashionMnistData.loader(config, split, context, batcher());
    }

    @Override
    public final List<Supplier<? extends Metric<? super ClassificationOutput>>> metrics(FashionMnistConfig config) {
        return List.of(AccuracyMetric::of);
    }
}
