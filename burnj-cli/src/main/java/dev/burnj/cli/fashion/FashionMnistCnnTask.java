package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskContext;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.tensor.Tensor4;

/**
 * {@code fashion-mnist-cnn}: the two-convolution CNN (32 and 64 channels) → 128 → 10 on Fashion-MNIST, Adam, batch 64, 10 epochs by default, validated on the last
 * 5 000 training images and scored once on the 10 000 test images.
 */
public final class FashionMnistCnnTask extends FashionMnistTask<FashionMnistCnn, Tensor4> {
    @Override
    public String name() {
        return "fashion-mnist-cnn";
    }

    @Override
    public String description() {
        return "Fashion-MNIST, two-convolution CNN (32 and 64 channels) → 128 → 10, Adam 1e-3, batch 64";
    }

    @Override
    public FashionMnistCnn model(FashionMnistConfig config, TaskContext context) {
        return new FashionMnistCnn(context.tensorOptions());
    }

    @Override
    Batcher<LabeledImage, ClassificationBatch<Tensor4>> batcher() {
        return ImageBatcher.nchw();
    }
}
