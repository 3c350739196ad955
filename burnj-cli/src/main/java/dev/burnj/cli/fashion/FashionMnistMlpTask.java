package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.cli.task.TrainingTask;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.tensor.Tensor2;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.Split;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.metric.Metric;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code fashion-mnist-mlp}: the 784 → 256 ReLU, dropout 0.5 → 10 MLP on Fashion-MNIST, Adam, batch 64, 10 epochs by default, validated on the last
 * 5 000 training images and scored once on the 10 000 test images.
 */
public final class FashionMnistMlpTask implements TrainingTask<FashionMnistConfig, FashionMnistMlp, ClassificationBatch<Tensor2>, ClassificationOutput> {
    @Override
    public String name() {
        return "fashion-mnist-mlp";
    }

    @Override
    public String description() {
        return "Fashion-MNIST, 784 → 256 ReLU, dropout 0.5 → 10 MLP, Adam 1e-3, batch 64";
    }

    @Override
    public FashionMnistConfig defaults() {
        return FashionMnistConfig.defaults();
    }

    @Override
    public FashionMnistMlp model(FashionMnistConfig config, TaskContext context) {
        return new FashionMnistMlp(context.tensorOptions());
    }

    @Override
    public Optimizer optimizer(FashionMnistConfig config, FashionMnistMlp model, TaskContext context) {
        return AdamConfig.of().withLr(config.lr()).init();
    }

    @Override
    public Optional<DataLoader<?, ClassificationBatch<Tensor2>>> loader(FashionMnistConfig config, Split split, TaskContext context) {
        return FashionMnistData.loader(config, split, context, ImageBatcher.flat());
    }

    @Override
    public List<Supplier<? extends Metric<? super ClassificationOutput>>> metrics(FashionMnistConfig config) {
        return List.of(AccuracyMetric::of);
    }
}
