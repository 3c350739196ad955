package dev.burnj.nn;

/**
 * Configuration of an {@link AdaptiveAvgPool2d} layer (PyTorch's {@code nn.AdaptiveAvgPool2d}).
 *
 * @param outputHeight output height
 * @param outputWidth output width
 */
public record AdaptiveAvgPool2dConfig(int outputHeight, int outputWidth) implements Config {
    public AdaptiveAvgPool2dConfig {
        Sizes.positive("AdaptiveAvgPool2d", "outputHeight", outputHeight);
        Sizes.positive("AdaptiveAvgPool2d", "outputWidth", outputWidth);
    }

    /** A square {@code size x size} output. */
    public static AdaptiveAvgPool2dConfig of(int size) {
        return new AdaptiveAvgPool2dConfig(size, size);
    }

    public static AdaptiveAvgPool2dConfig of(int outputHeight, int outputWidth) {
        return new AdaptiveAvgPool2dConfig(outputHeight, outputWidth);
    }

    /** The layer (it has no parameters, so no device). */
    public AdaptiveAvgPool2d init() {
        return new AdaptiveAvgPool2d(this);
    }
}
