package dev.burnj.nn;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor4;

/**
 * Average pooling to a fixed output size whatever the input size (PyTorch's {@code nn.AdaptiveAvgPool2d}); output cell
 * {@code i} averages input rows {@code floor(i·H/h)} to {@code ceil((i+1)·H/h)}, and likewise for columns.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final AdaptiveAvgPool2dConfig config;

    AdaptiveAvgPool2d(AdaptiveAvgPool2dConfig config) {
        this.config = config;
    }

    public AdaptiveAvgPool2dConfig config() {
        return config;
    }

    /** {@code [N, C, H, W]} to {@code [N, C, outputHeight, outputWidth]}. */
    public Tensor4 forward(Tensor4 input) {
        return Functional.adaptiveAvgPool2d(input, config.outputHeight(), config.outputWidth());
    }
}
