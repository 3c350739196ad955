package dev.burnj.train;

/**
 * What a model does with one validation batch (Burn's {@code ValidStep}): the forward pass in eval mode without
 * gradients, returning what the validation metrics read.
 *
 * @param <B> the batch type
 * @param <O> the output type
 */
@FunctionalInterface
public interface ValidStep<B, O> {
    O validStep(B batch);
}
