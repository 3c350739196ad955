package dev.burnj.train;

import dev.burnj.train.metric.LossInput;

/**
 * What a model does with one training batch: the forward pass and the loss (Burn's {@code TrainStep}, Lightning's
 * {@code training_step}). The Learner runs backward on the output's loss and steps the optimizer; the output also
 * feeds the training metrics. It runs inside a scope that frees the step's temporaries.
 *
 * @param <B> the batch type
 * @param <O> the output type, carrying the loss
 */
@FunctionalInterface
public interface TrainStep<B, O extends LossInput> {
    O trainStep(B batch);
}
