package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import java.util.List;

/**
 * Configuration of a {@link Conv1d} layer (PyTorch's {@code nn.Conv1d}); sizes are per spatial dim.
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
public record Conv1dConfig(int inChannels, int outChannels, List<Integer> kernelSize, List<Integer> stride, List<Integer> padding,
        List<Integer> dilation, int groups, boolean bias) implements Config {
    private static final String LAYER = "Conv1d";

    public Conv1dConfig {
        ConvChecks.channels(LAYER, inChannels, outChannels, groups);
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 1, 1);
        stride = Sizes.check(LAYER, "stride", stride, 1, 1);
        padding = Sizes.check(LAYER, "padding", padding, 1, 0);
        dilation = Sizes.check(LAYER, "dilation", dilation, 1, 1);
    }

    /** A kernel of {@code kernelSize}, stride 1, no padding. */
    public static Conv1dConfig of(int inChannels, int outChannels, int kernelSize) {
        return new Conv1dConfig(inChannels, outChannels, Sizes.repeat(kernelSize, 1), Sizes.repeat(1, 1), Sizes.repeat(0, 1),
                Sizes.repeat(1, 1), 1, true);
    }

    public Conv1dConfig withStride(int newStride) {
        return new Conv1dConfig(inChannels, outChannels, kernelSize, Sizes.repeat(newStride, 1), padding, dilation, groups, bias);
    }

    public Conv1dConfig withPadding(int newPadding) {
        return new Conv1dConfig(inChannels, outChannels, kernelSize, stride, Sizes.repeat(newPadding, 1), dilation, groups, bias);
    }

    public Conv1dConfig withDilation(int newDilation) {
        return new Conv1dConfig(inChannels, outChannels, kernelSize, stride, padding, Sizes.repeat(newDilation, 1), groups, bias);
    }

    public Conv1dConfig withGroups(int newGroups) {
        return new Conv1dConfig(inChannels, outChannels, kernelSize, stride, padding, dilation, newGroups, bias);
    }

    public Conv1dConfig withBias(boolean newBias) {
        return new Conv1dConfig(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, newBias);
    }

    public Conv1d init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** A layer with PyTorch's default initialisation drawn from the options' generator, in its dtype. */
    public Conv1d init(TensorOptions options) {
        return new Conv1d(this, options);
    }
}
