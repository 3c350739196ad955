package dev.burnj.cli.fashion;

import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.nn.Dropout;
import dev.burnj.nn.DropoutConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;

/** The {@code fashion-mnist-mlp} network: 784 → 256 (ReLU, dropout 0.5) → 10, trained with cross-entropy. */
public final class FashionMnistMlp extends Module implements TrainStep<ClassificationBatch<Tensor2>, ClassificationOutput>,
        ValidStep<ClassificationBatch<Tensor2>, ClassificationOutput> {
    private final Linear fc1;
    private final Dropout dropout;
    private final Linear fc2;
    private final transient CrossEntropyLoss loss = CrossEntropyLoss.of();

    public FashionMnistMlp(TensorOptions options) {
        fc1 = LinearConfig.of(784, 256).init(options);
        dropout = DropoutConfig.of(0.5).init(Generator.of(options.generator().seed() + 1));
        fc2 = LinearConfig.of(256, 10).init(options);
    }

    /** Logits {@code [batch, 10]} of flattened images {@code [batch, 784]}. */
    public Tensor2 forward(Tensor2 images) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(fc2.forward(dropout.forward(fc1.forward(images).relu())));
        }
    }

    @Override
    public ClassificationOutput trainStep(ClassificationBatch<Tensor2> batch) {
        Tensor2 logits = forward(batch.inputs());
        return new ClassificationOutput(loss.forward(logits, batch.targets()), logits, batch.targets());
    }

    @Override
    public ClassificationOutput validStep(ClassificationBatch<Tensor2> batch) {
        return trainStep(batch);
    }
}
