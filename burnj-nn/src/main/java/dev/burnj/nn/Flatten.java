package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;

/**
 * Merges a range of dims into one (PyTorch's {@code nn.Flatten}), typically between convolutional features and a
 * {@link Linear} head. The result rank depends on the config, so the general method takes a rank witness; the
 * {@code Tensor2} overloads cover the default (flatten everything after the batch dim).
 */
public final class Flatten extends Module {
    private final FlattenConfig config;

    Flatten(FlattenConfig config) {
        this.config = config;
    }

    public FlattenConfig config() {
        return config;
    }

    /** {@code [N, C, L]} to {@code [N, C·L]} with the default config. */
    public Tensor2 forward(Tensor3 input) {
        return forward(input, Rank.R2);
    }

    /** {@code [N, C, H, W]} to {@code [N, C·H·W]} with the default config. */
    public Tensor2 forward(Tensor4 input) {
        return forward(input, Rank.R2);
    }

    /** Flattens {@code startDim..endDim} of any input; fails naming the shapes if the result is not of {@code rank}. */
    public <F extends FloatTensor<F, ?, ?>> F forward(FloatTensor<?, ?, ?> input, Rank<F, ?, ?> rank) {
        return input.flatten(config.startDim(), config.endDim(), rank);
    }
}
