package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.tensor.BaseTensor;
import dev.burnj.train.Split;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The data of the Fashion-MNIST tasks: the first 55 000 training images for training, the last 5 000 (held out) for
 * validation, the 10 000 test images for the final score — the split the PyTorch reference script uses.
 */
final class FashionMnistData {
    private FashionMnistData() {}

    static <X extends BaseTensor<X, ?, ?, ?>> Optional<DataLoader<?, ClassificationBatch<X>>> loader(FashionMnistConfig config, Split split,
            TaskContext context, Batcher<LabeledImage, ClassificationBatch<X>> batcher) {
        Path dir = config.dataDir() == null ? null : Path.of(config.dataDir());
        Dataset<LabeledImage> images;
        switch (split) {
            case TRAIN, VALID -> {
                Dataset<LabeledImage> train = dir == null ? FashionMnistDataset.train() : FashionMnistDataset.train(dir);
                if (split == Split.VALID && config.validItems() == 0) {
                    return Optional.empty();
                }
                var parts = train.holdOutLast(config.validItems());
                images = split == Split.TRAIN ? parts.train() : parts.valid();
            }
            case TEST -> images = dir == null ? FashionMnistDataset.test() : FashionMnistDataset.test(dir);
            default -> throw new IllegalArgumentException("no " + split + " split");
        }
        if (config.normalize()) {
            images = FashionMnistDataset.normalized(images);
        }
        boolean training = split == Split.TRAIN;
        int batch = training ? config.batchSize() : config.evalBatchSize();
        return Optional.of(DataLoader.of(images, batcher, context.loaderConfig(batch, training).withName("fashion-mnist-" + split.label()),
                context.device()));
    }
}
