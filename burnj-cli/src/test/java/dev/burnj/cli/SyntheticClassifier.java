package dev.burnj.cli;

import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;

/** A two-layer classifier of flattened 4×4 images into 4 classes, the model of {@link SyntheticTask}. */
public class SyntheticClassifier extends Module implements TrainStep<ClassificationBatch<Tensor2>, ClassificationOutput>,
        ValidStep<ClassificationBatch<Tensor2>, ClassificationOutput> {
    final Linear fc1;
    final Linear fc2;
    private final transient CrossEntropyLoss loss = CrossEntropyLoss.of();
    private final transient int stepDelayMs;

    SyntheticClassifier(TensorOptions options, int hidden, int stepDelayMs) {
        fc1 = LinearConfig.of(SyntheticTask.FEATURES, hidden).init(options);
        fc2 = LinearConfig.of(hidden, SyntheticTask.CLASSES).init(options);
        this.stepDelayMs = stepDelayMs;
    }

    Tensor2 forward(Tensor2 x) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(fc2.forward(fc1.forward(x).relu()));
        }
    }

    @Override
    public ClassificationOutput trainStep(ClassificationBatch<Tensor2> batch) {
        if (stepDelayMs > 0) {
            try {
                Thread.sleep(stepDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return validStep(batch);
    }

    @Override
    public ClassificationOutput validStep(ClassificationBatch<Tensor2> batch) {
        Tensor2 logits = forward(batch.inputs());
        return new ClassificationOutput(loss.forward(logits, batch.targets()), logits, batch.targets());
    }
}
