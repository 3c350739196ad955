package dev.burnj.nn;

import java.util.List;

/**
 * Configuration of an {@link AvgPool2d} layer (PyTorch's {@code nn.AvgPool2d}); sizes are per spatial dim (height, width).
 *
 * @param kernelSize window size
 * @param stride window step (default: the kernel size, as PyTorch)
 * @param padding implicit zero padding on each side (default 0), at most half the kernel
 * @param ceilMode whether to round the output size up instead of down (default false)
 * @param countIncludePad whether the padding counts in the divisor (default true, as PyTorch)
 */
public record AvgPool2dConfig(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, boolean ceilMode,
        boolean countIncludePad) implements Config {
    private static final String LAYER = "AvgPool2d";

    public AvgPool2dConfig {
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 2, 1);
        stride = Sizes.check(LAYER, "stride", stride, 2, 1);
        padding = Sizes.check(LAYER, "padding", padding, 2, 0);
        Pooling.checkPadding(LAYER, kernelSize, padding);
    }

    /** A square window of {@code kernelSize} moving by {@code kernelSize}. */
    public static AvgPool2dConfig of(int kernelSize) {
        return new AvgPool2dConfig(Sizes.repeat(kernelSize, 2), Sizes.repeat(kernelSize, 2), Sizes.repeat(0, 2), false, true);
    }

    public AvgPool2dConfig withStride(int newStride) {
        return new AvgPool2dConfig(kernelSize, Sizes.repeat(newStride, 2), padding, ceilMode, countIncludePad);
    }

    public AvgPool2dConfig withPadding(int newPadding) {
        return new AvgPool2dConfig(kernelSize, stride, Sizes.repeat(newPadding, 2), ceilMode, countIncludePad);
    }

    public AvgPool2dConfig withCeilMode(boolean newCeilMode) {
        return new AvgPool2dConfig(kernelSize, stride, padding, newCeilMode, countIncludePad);
    }

    public AvgPool2dConfig withCountIncludePad(boolean newCountIncludePad) {
        return new AvgPool2dConfig(kernelSize, stride, padding, ceilMode, newCountIncludePad);
    }

    /** The layer (it has no parameters, so no device). */
    public AvgPool2d init() {
        return new AvgPool2d(this, Pooling.options(kernelSize, stride, padding, Sizes.repeat(1, 2), ceilMode, countIncludePad));
    }
}
