package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import java.util.List;

/**
 * Configuration of a {@link Conv2d} layer (PyTorch's {@code nn.Conv2d}); sizes are per spatial dim (height, width).
 *
 * @param inChannels input channels
 * @param outChannels output channels (filters)
 * @param kernelSize kernel size
 * @param stride stride (default 1)
 * @param padding zero padding on each side (default 0)
 * @param dilation kernel dilation (default 1)
 * @param groups blocked connections from input to output channels (default 1); must divide both channel counts
 * @param bias whether to add a learned bias (default true)
 */
public record Conv2dConfig(int inChannels, int outChannels, List<Integer> kernelSize, List<Integer> stride, List<Integer> padding,
        List<Integer> dilation, int groups, boolean bias) implements Config {
    private static final String LAYER = "Conv2d";

    public Conv2dConfig {
        ConvChecks.channels(LAYER, inChannels, outChannels, groups);
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 2, 1);
        stride = Sizes.check(LAYER, "stride", stride, 2, 1);
        padding = Sizes.check(LAYER, "padding", padding, 2, 0);
        dilation = Sizes.check(LAYER, "dilation", dilation, 2, 1);
    }

    /** A square kernel of {@code kernelSize}, stride 1, no padding. */
    public static Conv2dConfig of(int inChannels, int outChannels, int kernelSize) {
        return new Conv2dConfig(inChannels, outChannels, Sizes.repeat(kernelSize, 2), Sizes.repeat(1, 2), Sizes.repeat(0, 2),
                Sizes.repeat(1, 2), 1, true);
    }

    public Conv2dConfig withStride(int newStride) {
        return new Conv2dConfig(inChannels, outChannels, kernelSize, Sizes.repeat(newStride, 2), padding, dilation, groups, bias);
    }

    public Conv2dConfig withPadding(int newPadding) {
        return new Conv2dConfig(inChannels, outChannels, kernelSize, stride, Sizes.repeat(newPadding, 2), dilation, groups, bias);
    }

    public Conv2dConfig withDilation(int newDilation) {
        return new Conv2dConfig(inChannels, outChannels, kernelSize, stride, padding, Sizes.repeat(newDilation, 2), groups, bias);
    }

    public Conv2dConfig withGroups(int newGroups) {
        return new Conv2dConfig(inChannels, outChannels, kernelSize, stride, padding, dilation, newGroups, bias);
    }

    public Conv2dConfig withBias(boolean newBias) {
        return new Conv2dConfig(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, newBias);
    }

    public Conv2d init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** A layer with PyTorch's default initialisation drawn from the options' generator, in its dtype. */
    public Conv2d init(TensorOptions options) {
        return new Conv2d(this, options);
    }
}
