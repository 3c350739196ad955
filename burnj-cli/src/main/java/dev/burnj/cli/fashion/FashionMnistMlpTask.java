package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.tensor.Tensor2;

/**
 * {@code fashion-mnist-mlp}: the 784 → 256 ReLU, dropout 0.5 → 10 MLP on Fashion-MNIST, Adam, batch 64, 10 epochs by default, validated on the last
 * 5 000 training images and scored once on the 10 000 test images.
 */
public final class FashionMnistMlpTask extends FashionMnistTask<FashionMnistMlp, Tensor2> {
    @Override
    public String name() {
        return "fashion-mnist-mlp";
    }

    @Override
    public String description() {
        return "Fashion-MNIST, 784 → 256 ReLU, dropout 0.5 → 10 MLP, Adam 1e-3, batch 64";
    }

    @Override
    public FashionMnistMlp model(FashionMnistConfig config, TaskContext context) {
        return new FashionMnistMlp(context.tensorOptions());
    }

    @Override
    Batcher<LabeledImage, ClassificationBatch<Tensor2>> batcher() {
        return ImageBatcher.flat();
    }
}
