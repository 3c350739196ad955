package dev.burnj.nn;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;

/**
 * A 2-D convolution over {@code [N, C_in, H, W]} inputs (PyTorch's {@code nn.Conv2d}): {@code weight} is
 * {@code [out, in/groups, kH, kW]} and {@code bias} {@code [out]}, as in a PyTorch state dict.
 */
public final class Conv2d extends Convolution<Tensor4> {
    private final Conv2dConfig config;

    Conv2d(Conv2dConfig config, TensorOptions tensorOptions) {
        super(config.inChannels(), config.outChannels(), config.groups(), config.kernelSize(),
                ConvChecks.options(config.stride(), config.padding(), config.dilation(), config.groups()), config.bias(), Rank.R4,
                tensorOptions);
        this.config = config;
    }

    public Conv2dConfig config() {
        return config;
    }

    /** {@code [N, C_in, H, W]} to {@code [N, C_out, H_out, W_out]}. */
    public Tensor4 forward(Tensor4 input) {
        checkChannels(input);
        return Functional.conv2d(input, weight().value(), biasOrNull(), options());
    }
}
