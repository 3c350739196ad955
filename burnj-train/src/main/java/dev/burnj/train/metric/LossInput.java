package dev.burnj.train.metric;

import dev.burnj.tensor.Tensor1;

/** A step output that carries its loss (a one-element tensor), for {@link LossMetric} and for the optimizer step. */
public interface LossInput {
    Tensor1 loss();
}
