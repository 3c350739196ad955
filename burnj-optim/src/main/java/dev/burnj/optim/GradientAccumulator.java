package dev.burnj.optim;

import dev.burnj.nn.Module;
import dev.burnj.tensor.Grads;

/**
 * Sums gradients over {@code k} micro-batches, so that one optimizer step sees the gradient of a batch {@code k} times
 * larger. The sum is not divided: scale each micro-batch loss by {@code 1 / k} for a mean, as in PyTorch practice.
 *
 * <pre>{@code
 * if (accumulator.add(model, grads)) {
 *     try (ParamGrads sum = accumulator.take()) { optimizer.step(model, sum); }
 * }
 * }</pre>
 */
public final class GradientAccumulator implements AutoCloseable {
    private final int microBatches;
    private ParamGrads sum = ParamGrads.empty();
    private int count;

    private GradientAccumulator(int microBatches) {
        if (microBatches < 1) {
            throw new IllegalArgumentException("micro-batches must be >= 1, got " + microBatches);
        }
        this.microBatches = microBatches;
    }

    /** An accumulator that is ready after {@code microBatches} additions. */
    public static GradientAccumulator of(int microBatches) {
        return new GradientAccumulator(microBatches);
    }

    /** Adds the gradients of {@code module}'s trainable parameters; returns whether {@code k} micro-batches are now summed. */
    public boolean add(Module module, Grads grads) {
        try (ParamGrads micro = ParamGrads.from(module, grads)) {
            return add(micro);
        }
    }

    /** Adds gradients by name (they stay owned by the caller); returns whether {@code k} micro-batches are now summed. */
    public boolean add(ParamGrads micro) {
        sum.addAll(micro);
        count++;
        return isReady();
    }

    public boolean isReady() {
        return count >= microBatches;
    }

    /** The number of micro-batches summed since the last {@link #take}. */
    public int count() {
        return count;
    }

    /** Hands over the sum (the caller closes it) and starts a new one. */
    public ParamGrads take() {
        ParamGrads out = sum;
        sum = ParamGrads.empty();
        count = 0;
        return out;
    }

    @Override
    public void close() {
        sum.close();
    }
}
