package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a batch norm layer; one config serves both {@link BatchNorm1d} ({@link #init1d}) and
 * {@link BatchNorm2d} ({@link #init2d}), since PyTorch gives the two the same arguments.
 *
 * @param numFeatures channels ({@code C} of {@code [N, C, ...]})
 * @param eps added to the variance for stability (default 1e-5)
 * @param momentum weight of the new batch in the running statistics (default 0.1)
 * @param affine whether to learn a per-channel scale ({@code weight}) and shift ({@code bias}) (default true)
 */
public record BatchNormConfig(int numFeatures, double eps, double momentum, boolean affine) implements Config {
    public BatchNormConfig {
        Sizes.positive("BatchNorm", "numFeatures", numFeatures);
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm: eps must be > 0 and momentum in [0, 1], got eps " + eps + ", momentum " + momentum);
        }
    }

    public static BatchNormConfig of(int numFeatures) {
        return new BatchNormConfig(numFeatures, 1e-5, 0.1, true);
    }

    public BatchNormConfig withEps(double newEps) {
        return new BatchNormConfig(numFeatures, newEps, momentum, affine);
    }

    public BatchNormConfig withMomentum(double newMomentum) {
        return new BatchNormConfig(numFeatures, eps, newMomentum, affine);
    }

    public BatchNormConfig withAffine(boolean newAffine) {
        return new BatchNormConfig(numFeatures, eps, momentum, newAffine);
    }

    public BatchNorm1d init1d(Device device) {
        return init1d(TensorOptions.on(device));
    }

    /** Over {@code [N, C]} or {@code [N, C, L]}; parameters and statistics in the options' dtype. */
    public BatchNorm1d init1d(TensorOptions options) {
        return new BatchNorm1d(this, options);
    }

    public BatchNorm2d init2d(Device device) {
        return init2d(TensorOptions.on(device));
    }

    /** Over {@code [N, C, H, W]}; parameters and statistics in the options' dtype. */
    public BatchNorm2d init2d(TensorOptions options) {
        return new BatchNorm2d(this, options);
    }
}
