package dev.burnj.nn;

import dev.burnj.backend.InterpolateMode;
import java.util.Objects;

/**
 * Configuration of an {@link Upsample} layer (PyTorch's {@code nn.Upsample} with {@code align_corners=False}): either a
 * fixed output size or a scale factor, never both.
 *
 * @param height output height, or null when a scale factor is given
 * @param width output width, or null when a scale factor is given
 * @param scaleFactor the factor on both spatial dims, or null when a size is given
 * @param mode nearest (default) or bilinear
 */
public record UpsampleConfig(Integer height, Integer width, Double scaleFactor, InterpolateMode mode) implements Config {
    public UpsampleConfig {
        Objects.requireNonNull(mode, "Upsample: mode");
        boolean sized = height != null && width != null;
        if (sized == (scaleFactor != null) || (!sized && (height != null || width != null))) {
            throw new IllegalArgumentException("Upsample: give either both height and width (" + height + ", " + width
                    + ") or a scale factor (" + scaleFactor + ")");
        }
        if (sized) {
            Sizes.positive("Upsample", "height", height);
            Sizes.positive("Upsample", "width", width);
        } else if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("Upsample: scale factor must be > 0, got " + scaleFactor);
        }
    }

    /** Resizes to {@code height x width} (nearest). */
    public static UpsampleConfig ofSize(int height, int width) {
        return new UpsampleConfig(height, width, null, InterpolateMode.NEAREST);
    }

    /** Scales both spatial dims by {@code scaleFactor}, rounding the output size down (nearest). */
    public static UpsampleConfig ofScale(double scaleFactor) {
        return new UpsampleConfig(null, null, scaleFactor, InterpolateMode.NEAREST);
    }

    public UpsampleConfig withMode(InterpolateMode newMode) {
        return new UpsampleConfig(height, width, scaleFactor, newMode);
    }

    /** The layer (it has no parameters, so no device). */
    public Upsample init() {
        return new Upsample(this);
    }
}
