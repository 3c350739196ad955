package dev.burnj.nn;

import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;

/**
 * A 2-D transposed convolution (PyTorch's {@code nn.ConvTranspose2d}), the gradient of a convolution, used to
 * upsample: {@code weight} is {@code [in, out/groups, kH, kW]} and {@code bias} {@code [out]}, as in PyTorch.
 */
public final class ConvTranspose2d extends Module {
    private final ConvTranspose2dConfig config;
    private final ConvTransposeOptions options;
    private final Param<Tensor4> weight;
    private final Param<Tensor1> bias;

    ConvTranspose2d(ConvTranspose2dConfig config, TensorOptions tensorOptions) {
        this.config = config;
        this.options = new ConvTransposeOptions(Sizes.array(config.stride()), Sizes.array(config.padding()),
                Sizes.array(config.outputPadding()), Sizes.array(config.dilation()), config.groups());
        Shape shape = Shape.of(Sizes.weightDims(config.inChannels(), config.outChannels() / config.groups(), config.kernelSize()));
        this.weight = DefaultInit.weight(shape, Rank.R4, tensorOptions);
        this.bias = DefaultInit.bias(config.bias(), config.outChannels(), shape, tensorOptions);
    }

    public ConvTranspose2dConfig config() {
        return config;
    }

    public Param<Tensor4> weight() {
        return weight;
    }

    /** The bias, or null when the layer was configured without one. */
    public Param<Tensor1> bias() {
        return bias;
    }

    /** {@code [N, C_in, H, W]} to {@code [N, C_out, H_out, W_out]}. */
    public Tensor4 forward(Tensor4 input) {
        Channels.require("ConvTranspose2d", input.shape(), 1, config.inChannels(), "channels");
        return Functional.convTranspose2d(input, weight.value(), bias == null ? null : bias.value(), options);
    }
}
