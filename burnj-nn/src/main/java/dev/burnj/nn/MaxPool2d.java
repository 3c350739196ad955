package dev.burnj.nn;

import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor4;

/** 2-D max pooling over {@code [N, C, H, W]} inputs (PyTorch's {@code nn.MaxPool2d}); no parameters. */
public final class MaxPool2d extends Module {
    private final MaxPool2dConfig config;
    private final PoolOptions options;

    MaxPool2d(MaxPool2dConfig config, PoolOptions options) {
        this.config = config;
        this.options = options;
    }

    public MaxPool2dConfig config() {
        return config;
    }

    /** {@code [N, C, H, W]} to {@code [N, C, H_out, W_out]}. */
    public Tensor4 forward(Tensor4 input) {
        return Functional.maxPool2d(input, options);
    }
}
