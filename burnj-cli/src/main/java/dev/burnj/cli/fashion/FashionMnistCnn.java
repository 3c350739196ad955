package dev.burnj.cli.fashion;

import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.nn.Conv2d;
import dev.burnj.nn.Conv2dConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.MaxPool2d;
import dev.burnj.nn.MaxPool2dConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;

/**
 * The {@code fashion-mnist-cnn} network: conv 1→32 3×3 same, ReLU, max-pool 2; conv 32→64 3×3 same, ReLU, max-pool
 * 2; flatten 3136 → 128 ReLU → 10, trained with cross-entropy.
 */
public final class FashionMnistCnn extends Module implements TrainStep<ClassificationBatch<Tensor4>, ClassificationOutput>,
        ValidStep<ClassificationBatch<Tensor4>, ClassificationOutput> {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final MaxPool2d pool;
    private final Linear fc1;
    private final Linear fc2;
    private final transient CrossEntropyLoss loss = CrossEntropyLoss.of();

    public FashionMnistCnn(TensorOptions options) {
        conv1 = Conv2dConfig.of(1, 32, 3).withPadding(1).init(options);
        conv2 = Conv2dConfig.of(32, 64, 3).withPadding(1).init(options);
        pool = MaxPool2dConfig.of(2).init();
        fc1 = LinearConfig.of(3136, 128).init(options);
        fc2 = LinearConfig.of(128, 10).init(options);
    }

    /** Logits {@code [batch, 10]} of images {@code [batch, 1, 28, 28]}. */
    public Tensor2 forward(Tensor4 images) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(logits(features(images)));
        }
    }

    /**
     * The logits {@code [batch, 10]} of penultimate features {@code [batch, 128]} from {@link #features}: the last
     * layer alone, so that a caller needing both features and class scores runs the convolutions once.
     */
    public Tensor2 logits(Tensor2 features) {
        return fc2.forward(features);
    }

    /**
     * The 128 ReLU activations of the penultimate layer, {@code [batch, 128]}, of images {@code [batch, 1, 28, 28]}
     * (normalised as in training): the features that a Fréchet distance between two image sets compares.
     */
    public Tensor2 features(Tensor4 images) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 h = pool.forward(conv1.forward(images).relu());
            h = pool.forward(conv2.forward(h).relu());
            Tensor2 flat = h.flatten(1, 3, Rank.R2);
            return scope.keep(fc1.forward(flat).relu());
        }
    }

    @Override
    public ClassificationOutput trainStep(ClassificationBatch<Tensor4> batch) {
        Tensor2 logits = forward(batch.inputs());
        return new ClassificationOutput(loss.forward(logits, batch.targets()), logits, batch.targets());
    }

    @Override
    public ClassificationOutput validStep(ClassificationBatch<Tensor4> batch) {
        return trainStep(batch);
    }
}
