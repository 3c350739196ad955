package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link GroupNorm}.
 *
 * @param numGroups groups the channels are split into; must divide {@code numChannels}
 * @param numChannels channels ({@code C} of {@code [N, C, ...]})
 * @param eps added to the variance for stability (default 1e-5)
 * @param affine whether to learn a per-channel scale and shift (default true)
 */
public record GroupNormConfig(int numGroups, int numChannels, double eps, boolean affine) implements Config {
    public GroupNormConfig {
        Sizes.positive("GroupNorm", "numGroups", numGroups);
        Sizes.positive("GroupNorm", "numChannels", numChannels);
        if (numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: numGroups " + numGroups + " must divide numChannels " + numChannels);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GroupNorm: eps must be > 0, got " + eps);
        }
    }

    public static GroupNormConfig of(int numGroups, int numChannels) {
        return new GroupNormConfig(numGroups, numChannels, 1e-5, true);
    }

    public GroupNormConfig withEps(double newEps) {
        return new GroupNormConfig(numGroups, numChannels, newEps, affine);
    }

    public GroupNormConfig withAffine(boolean newAffine) {
        return new GroupNormConfig(numGroups, numChannels, eps, newAffine);
    }

    public GroupNorm init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** Scale ones and shift zeros, as PyTorch, in the options' dtype. */
    public GroupNorm init(TensorOptions options) {
        return new GroupNorm(this, options);
    }
}
