package dev.burnj.nn;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;

/**
 * A 1-D convolution over {@code [N, C_in, L]} inputs (PyTorch's {@code nn.Conv1d}): {@code weight} is
 * {@code [out, in/groups, k]} and {@code bias} {@code [out]}, as in a PyTorch state dict.
 */
public final class Conv1d extends Convolution<Tensor3> {
    private final Conv1dConfig config;

    Conv1d(Conv1dConfig config, TensorOptions tensorOptions) {
        super(config.inChannels(), config.outChannels(), config.groups(), config.kernelSize(),
                ConvChecks.options(config.stride(), config.padding(), config.dilation(), config.groups()), config.bias(), Rank.R3,
                tensorOptions);
        this.config = config;
    }

    public Conv1dConfig config() {
        return config;
    }

    /** {@code [N, C_in, L]} to {@code [N, C_out, L_out]}. */
    public Tensor3 forward(Tensor3 input) {
        checkChannels(input);
        return Functional.conv1d(input, weight().value(), biasOrNull(), options());
    }
}
