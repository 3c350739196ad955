package dev.burnj.nn;

import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor3;

/** 1-D max pooling over {@code [N, C, L]} inputs (PyTorch's {@code nn.MaxPool1d}); no parameters. */
public final class MaxPool1d extends Module {
    private final MaxPool1dConfig config;
    private final PoolOptions options;

    MaxPool1d(MaxPool1dConfig config, PoolOptions options) {
        this.config = config;
        this.options = options;
    }

    public MaxPool1dConfig config() {
        return config;
    }

    /** {@code [N, C, L]} to {@code [N, C, L_out]}. */
    public Tensor3 forward(Tensor3 input) {
        return Functional.maxPool1d(input, options);
    }
}
