package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link Linear} layer ({@code y = x Wᵀ + b}).
 *
 * @param inFeatures size of each input row
 * @param outFeatures size of each output row
 * @param bias whether the layer adds a learned bias (default true)
 */
public record LinearConfig(int inFeatures, int outFeatures, boolean bias) implements Config {
    public LinearConfig {
        Sizes.positive("Linear", "inFeatures", inFeatures);
        Sizes.positive("Linear", "outFeatures", outFeatures);
    }

    public static LinearConfig of(int inFeatures, int outFeatures) {
        return new LinearConfig(inFeatures, outFeatures, true);
    }

    public LinearConfig withBias(boolean newBias) {
        return new LinearConfig(inFeatures, outFeatures, newBias);
    }

    public Linear init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** A layer with PyTorch's default initialisation drawn from the options' generator, in its dtype. */
    public Linear init(TensorOptions options) {
        return new Linear(this, options);
    }
}
