package dev.burnj.train.metric;

import dev.burnj.tensor.Tensor2;

/** A step output with predictions and targets of the same shape {@code [batch, outputs]}. */
public interface RegressionInput {
    Tensor2 predictions();

    Tensor2 targets();
}
