package dev.burnj.nn;

import java.util.List;

/**
 * Configuration of a {@link MaxPool2d} layer (PyTorch's {@code nn.MaxPool2d}); sizes are per spatial dim (height, width).
 *
 * @param kernelSize window size
 * @param stride window step (default: the kernel size, as PyTorch)
 * @param padding implicit negative-infinity padding on each side (default 0), at most half the kernel
 * @param dilation spacing of the window's elements (default 1)
 * @param ceilMode whether to round the output size up instead of down (default false)
 */
public record MaxPool2dConfig(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, List<Integer> dilation,
        boolean ceilMode) implements Config {
    private static final String LAYER = "MaxPool2d";

    public MaxPool2dConfig {
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 2, 1);
        stride = Sizes.check(LAYER, "stride", stride, 2, 1);
        padding = Sizes.check(LAYER, "padding", padding, 2, 0);
        dilation = Sizes.check(LAYER, "dilation", dilation, 2, 1);
        Pooling.checkPadding(LAYER, kernelSize, padding);
    }

    /** A square window of {@code kernelSize} moving by {@code kernelSize}. */
    public static MaxPool2dConfig of(int kernelSize) {
        return new MaxPool2dConfig(Sizes.repeat(kernelSize, 2), Sizes.repeat(kernelSize, 2), Sizes.repeat(0, 2), Sizes.repeat(1, 2), false);
    }

    public MaxPool2dConfig withStride(int newStride) {
        return new MaxPool2dConfig(kernelSize, Sizes.repeat(newStride, 2), padding, dilation, ceilMode);
    }

    public MaxPool2dConfig withPadding(int newPadding) {
        return new MaxPool2dConfig(kernelSize, stride, Sizes.repeat(newPadding, 2), dilation, ceilMode);
    }

    public MaxPool2dConfig withDilation(int newDilation) {
        return new MaxPool2dConfig(kernelSize, stride, padding, Sizes.repeat(newDilation, 2), ceilMode);
    }

    public MaxPool2dConfig withCeilMode(boolean newCeilMode) {
        return new MaxPool2dConfig(kernelSize, stride, padding, dilation, newCeilMode);
    }

    /** The layer (it has no parameters, so no device). */
    public MaxPool2d init() {
        return new MaxPool2d(this, Pooling.options(kernelSize, stride, padding, dilation, ceilMode, true));
    }
}
