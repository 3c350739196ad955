package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;

/** How a loss reduces its per-element values: PyTorch's {@code reduction='mean' | 'sum' | 'none'}. */
public enum Reduction {
    /** The average, shape {@code [1]} (class-target losses divide by the summed target weights, as PyTorch). */
    MEAN,
    /** The sum, shape {@code [1]}. */
    SUM,
    /** No reduction: the per-element losses. */
    NONE;

    /** Applies a plain (unweighted) reduction; NONE flattens to rank 1 in row-major order. */
    Tensor1 apply(FloatTensor<?, ?, ?> perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement.flatten();
        };
    }
}
