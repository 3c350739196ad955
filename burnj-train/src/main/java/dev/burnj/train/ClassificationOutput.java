package dev.burnj.train;

import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.train.metric.ClassificationInput;
import dev.burnj.train.metric.LossInput;
import java.util.Objects;

/**
 * What a classification step returns: the loss to optimize, the class scores and the targets — which the loss,
 * accuracy, top-k and precision/recall/F1 metrics read. Closing it frees the three tensors.
 *
 * @param loss the loss, a one-element tensor (with its graph during training)
 * @param scores logits or probabilities, {@code [batch, classes]}
 * @param targets target class indices, {@code [batch]}
 */
public record ClassificationOutput(Tensor1 loss, Tensor2 scores, IntTensor1 targets) implements LossInput, ClassificationInput, AutoCloseable {
    public ClassificationOutput {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(targets, "targets");
        if (scores.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("ClassificationOutput: scores " + scores.shape() + " and targets " + targets.shape()
                    + " have different batch sizes");
        }
    }

    @Override
    public void close() {
        loss.close();
        scores.close();
        targets.close();
    }
}
