package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import java.util.List;

/**
 * Configuration of a {@link ConvTranspose2d} layer (PyTorch's {@code nn.ConvTranspose2d}); sizes are per spatial dim
 * (height, width).
 *
 * @param inChannels input channels
 * @param outChannels output channels
 * @param kernelSize kernel size
 * @param stride stride (default 1)
 * @param padding implicit zero padding removed from each side of the output (default 0)
 * @param outputPadding extra size added to one side of the output (default 0)
 * @param dilation kernel dilation (default 1)
 * @param groups blocked connections (default 1); must divide both channel counts
 * @param bias whether to add a learned bias (default true)
 */
public record ConvTranspose2dConfig(int inChannels, int outChannels, List<Integer> kernelSize, List<Integer> stride, List<Integer> padding,
        List<Integer> outputPadding, List<Integer> dilation, int groups, boolean bias) implements Config {
    private static final String LAYER = "ConvTranspose2d";

    public ConvTranspose2dConfig {
        ConvChecks.channels(LAYER, inChannels, outChannels, groups);
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 2, 1);
        stride = Sizes.check(LAYER, "stride", stride, 2, 1);
        padding = Sizes.check(LAYER, "padding", padding, 2, 0);
        outputPadding = Sizes.check(LAYER, "outputPadding", outputPadding, 2, 0);
        dilation = Sizes.check(LAYER, "dilation", dilation, 2, 1);
    }

    /** A square kernel of {@code kernelSize}, stride 1, no padding. */
    public static ConvTranspose2dConfig of(int inChannels, int outChannels, int kernelSize) {
        return new ConvTranspose2dConfig(inChannels, outChannels, Sizes.repeat(kernelSize, 2), Sizes.repeat(1, 2), Sizes.repeat(0, 2),
                Sizes.repeat(0, 2), Sizes.repeat(1, 2), 1, true);
    }

    public ConvTranspose2dConfig withStride(int newStride) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, Sizes.repeat(newStride, 2), padding, outputPadding, dilation,
                groups, bias);
    }

    public ConvTranspose2dConfig withPadding(int newPadding) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, stride, Sizes.repeat(newPadding, 2), outputPadding, dilation,
                groups, bias);
    }

    public ConvTranspose2dConfig withOutputPadding(int newOutputPadding) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, stride, padding, Sizes.repeat(newOutputPadding, 2), dilation,
                groups, bias);
    }

    public ConvTranspose2dConfig withDilation(int newDilation) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, stride, padding, outputPadding, Sizes.repeat(newDilation, 2),
                groups, bias);
    }

    public ConvTranspose2dConfig withGroups(int newGroups) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, newGroups, bias);
    }

    public ConvTranspose2dConfig withBias(boolean newBias) {
        return new ConvTranspose2dConfig(inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, groups, newBias);
    }

    public ConvTranspose2d init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** A layer with PyTorch's default initialisation drawn from the options' generator, in its dtype. */
    public ConvTranspose2d init(TensorOptions options) {
        return new ConvTranspose2d(this, options);
    }
}
