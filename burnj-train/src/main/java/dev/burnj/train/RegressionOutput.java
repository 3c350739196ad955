package dev.burnj.train;

import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.RegressionInput;
import java.util.Objects;

/**
 * What a regression step returns: the loss, the predictions and the targets, for the loss and MAE metrics. Closing
 * it frees the three tensors.
 *
 * @param loss the loss, a one-element tensor
 * @param predictions {@code [batch, outputs]}
 * @param targets {@code [batch, outputs]}
 */
public record RegressionOutput(Tensor1 loss, Tensor2 predictions, Tensor2 targets) implements LossInput, RegressionInput, AutoCloseable {
    public RegressionOutput {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        if (!predictions.shape().equals(targets.shape())) {
            throw new IllegalArgumentException("RegressionOutput: predictions " + predictions.shape() + " and targets " + targets.shape()
                    + " differ in shape");
        }
    }

    @Override
    public void close() {
        loss.close();
        predictions.close();
        targets.close();
    }
}
