package dev.burnj.nn;

import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor3;

/** 1-D average pooling over {@code [N, C, L]} inputs (PyTorch's {@code nn.AvgPool1d}); no parameters. */
public final class AvgPool1d extends Module {
    private final AvgPool1dConfig config;
    private final PoolOptions options;

    AvgPool1d(AvgPool1dConfig config, PoolOptions options) {
        this.config = config;
        this.options = options;
    }

    public AvgPool1dConfig config() {
        return config;
    }

    /** {@code [N, C, L]} to {@code [N, C, L_out]}. */
    public Tensor3 forward(Tensor3 input) {
        return Functional.avgPool1d(input, options);
    }
}
