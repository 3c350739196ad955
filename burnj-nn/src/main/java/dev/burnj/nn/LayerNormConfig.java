package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link LayerNorm} over the last dim.
 *
 * @param normalizedShape size of the last dim (PyTorch's {@code normalized_shape} for a single trailing dim)
 * @param eps added to the variance for stability (default 1e-5)
 * @param elementwiseAffine whether to learn a scale ({@code weight}) and shift ({@code bias}) (default true)
 */
public record LayerNormConfig(int normalizedShape, double eps, boolean elementwiseAffine) implements Config {
    public LayerNormConfig {
        Sizes.positive("LayerNorm", "normalizedShape", normalizedShape);
        if (!(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: eps must be > 0, got " + eps);
        }
    }

    public static LayerNormConfig of(int normalizedShape) {
        return new LayerNormConfig(normalizedShape, 1e-5, true);
    }

    public LayerNormConfig withEps(double newEps) {
        return new LayerNormConfig(normalizedShape, newEps, elementwiseAffine);
    }

    public LayerNormConfig withElementwiseAffine(boolean newElementwiseAffine) {
        return new LayerNormConfig(normalizedShape, eps, newElementwiseAffine);
    }

    public LayerNorm init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** Scale ones and shift zeros, as PyTorch, in the options' dtype. */
    public LayerNorm init(TensorOptions options) {
        return new LayerNorm(this, options);
    }
}
