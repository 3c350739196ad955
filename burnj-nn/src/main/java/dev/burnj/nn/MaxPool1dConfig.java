package dev.burnj.nn;

import java.util.List;

/**
 * Configuration of a {@link MaxPool1d} layer (PyTorch's {@code nn.MaxPool1d}); sizes are per spatial dim.
 *
 * @param kernelSize window size
 * @param stride window step (default: the kernel size, as PyTorch)
 * @param padding implicit negative-infinity padding on each side (default 0), at most half the kernel
 * @param dilation spacing of the window's elements (default 1)
 * @param ceilMode whether to round the output size up instead of down (default false)
 */
public record MaxPool1dConfig(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, List<Integer> dilation,
        boolean ceilMode) implements Config {
    private static final String LAYER = "MaxPool1d";

    public MaxPool1dConfig {
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 1, 1);
        stride = Sizes.check(LAYER, "stride", stride, 1, 1);
        padding = Sizes.check(LAYER, "padding", padding, 1, 0);
        dilation = Sizes.check(LAYER, "dilation", dilation, 1, 1);
        Pooling.checkPadding(LAYER, kernelSize, padding);
    }

    /** A window of {@code kernelSize} moving by {@code kernelSize}. */
    public static MaxPool1dConfig of(int kernelSize) {
        return new MaxPool1dConfig(Sizes.repeat(kernelSize, 1), Sizes.repeat(kernelSize, 1), Sizes.repeat(0, 1), Sizes.repeat(1, 1), false);
    }

    public MaxPool1dConfig withStride(int newStride) {
        return new MaxPool1dConfig(kernelSize, Sizes.repeat(newStride, 1), padding, dilation, ceilMode);
    }

    public MaxPool1dConfig withPadding(int newPadding) {
        return new MaxPool1dConfig(kernelSize, stride, Sizes.repeat(newPadding, 1), dilation, ceilMode);
    }

    public MaxPool1dConfig withDilation(int newDilation) {
        return new MaxPool1dConfig(kernelSize, stride, padding, Sizes.repeat(newDilation, 1), ceilMode);
    }

    public MaxPool1dConfig withCeilMode(boolean newCeilMode) {
        return new MaxPool1dConfig(kernelSize, stride, padding, dilation, newCeilMode);
    }

    /** The layer (it has no parameters, so no device). */
    public MaxPool1d init() {
        return new MaxPool1d(this, Pooling.options(kernelSize, stride, padding, dilation, ceilMode, true));
    }
}
