package dev.burnj.nn;

import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor4;

/** 2-D average pooling over {@code [N, C, H, W]} inputs (PyTorch's {@code nn.AvgPool2d}); no parameters. */
public final class AvgPool2d extends Module {
    private final AvgPool2dConfig config;
    private final PoolOptions options;

    AvgPool2d(AvgPool2dConfig config, PoolOptions options) {
        this.config = config;
        this.options = options;
    }

    public AvgPool2dConfig config() {
        return config;
    }

    /** {@code [N, C, H, W]} to {@code [N, C, H_out, W_out]}. */
    public Tensor4 forward(Tensor4 input) {
        return Functional.avgPool2d(input, options);
    }
}
