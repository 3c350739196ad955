package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of an {@link RmsNorm} over the last dim.
 *
 * @param normalizedShape size of the last dim
 * @param eps added to the mean square, or null (the default, as PyTorch) for the machine epsilon of the input's dtype
 * @param elementwiseAffine whether to learn a scale ({@code weight}) (default true)
 */
public record RmsNormConfig(int normalizedShape, Double eps, boolean elementwiseAffine) implements Config {
    public RmsNormConfig {
        Sizes.positive("RmsNorm", "normalizedShape", normalizedShape);
        if (eps != null && !(eps > 0)) {
            throw new IllegalArgumentException("RmsNorm: eps must be > 0, got " + eps);
        }
    }

    public static RmsNormConfig of(int normalizedShape) {
        return new RmsNormConfig(normalizedShape, null, true);
    }

    public RmsNormConfig withEps(double newEps) {
        return new RmsNormConfig(normalizedShape, newEps, elementwiseAffine);
    }

    public RmsNormConfig withElementwiseAffine(boolean newElementwiseAffine) {
        return new RmsNormConfig(normalizedShape, eps, newElementwiseAffine);
    }

    public RmsNorm init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** Scale ones, as PyTorch, in the options' dtype. */
    public RmsNorm init(TensorOptions options) {
        return new RmsNorm(this, options);
    }
}
