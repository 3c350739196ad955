package dev.burnj.train;

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

/** A small classifier with dropout, the model of the Learner tests. */
class TestMlp extends Module implements TrainStep<ClassificationBatch<Tensor2>, ClassificationOutput>,
        ValidStep<ClassificationBatch<Tensor2>, ClassificationOutput> {
    final Linear fc1;
    final Dropout dropout;
    final Linear fc2;
    private final transient CrossEntropyLoss loss = CrossEntropyLoss.of();

    TestMlp(TensorOptions options, int in, int hidden, int classes, double dropoutProb) {
        fc1 = LinearConfig.of(in, hidden).init(options);
        dropout = DropoutConfig.of(dropoutProb).init(Generator.of(options.generator().seed() + 1));
        fc2 = LinearConfig.of(hidden, classes).init(options);
    }

    Tensor2 forward(Tensor2 x) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(fc2.forward(dropout.forward(fc1.forward(x).relu())));
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

    /** Every parameter's values, in name order. */
    double[][] weights() {
        return parameters().stream().map(p -> p.value().toDoubleArray()).toArray(double[][]::new);
    }
}
