package dev.burnj.nn;

import java.util.List;

/**
 * Configuration of an {@link AvgPool1d} layer (PyTorch's {@code nn.AvgPool1d}); sizes are per spatial dim.
 *
 * @param kernelSize window size
 * @param stride window step (default: the kernel size, as PyTorch)
 * @param padding implicit zero padding on each side (default 0), at most half the kernel
 * @param ceilMode whether to round the output size up instead of down (default false)
 * @param countIncludePad whether the padding counts in the divisor (default true, as PyTorch)
 */
public record AvgPool1dConfig(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, boolean ceilMode,
        boolean countIncludePad) implements Config {
    private static final String LAYER = "AvgPool1d";

    public AvgPool1dConfig {
        kernelSize = Sizes.check(LAYER, "kernelSize", kernelSize, 1, 1);
        stride = Sizes.check(LAYER, "stride", stride, 1, 1);
        padding = Sizes.check(LAYER, "padding", padding, 1, 0);
        Pooling.checkPadding(LAYER, kernelSize, padding);
    }

    /** A window of {@code kernelSize} moving by {@code kernelSize}. */
    public static AvgPool1dConfig of(int kernelSize) {
        return new AvgPool1dConfig(Sizes.repeat(kernelSize, 1), Sizes.repeat(kernelSize, 1), Sizes.repeat(0, 1), false, true);
    }

    public AvgPool1dConfig withStride(int newStride) {
        return new AvgPool1dConfig(kernelSize, Sizes.repeat(newStride, 1), padding, ceilMode, countIncludePad);
    }

    public AvgPool1dConfig withPadding(int newPadding) {
        return new AvgPool1dConfig(kernelSize, stride, Sizes.repeat(newPadding, 1), ceilMode, countIncludePad);
    }

    public AvgPool1dConfig withCeilMode(boolean newCeilMode) {
        return new AvgPool1dConfig(kernelSize, stride, padding, newCeilMode, countIncludePad);
    }

    public AvgPool1dConfig withCountIncludePad(boolean newCountIncludePad) {
        return new AvgPool1dConfig(kernelSize, stride, padding, ceilMode, newCountIncludePad);
    }

    /** The layer (it has no parameters, so no device). */
    public AvgPool1d init() {
        return new AvgPool1d(this, Pooling.options(kernelSize, stride, padding, Sizes.repeat(1, 1), ceilMode, countIncludePad));
    }
}
