package dev.burnj.samples.gan;

/**
 * Settings of a {@link GanTrainer} run. Defaults follow the sample's issue: 30 epochs of batches of 64, Adam with lr
 * 2e-4 and betas (0.5, 0.999) for both networks (the DCGAN paper's choice: a lower beta1 keeps the two players from
 * overshooting each other), the whole training set.
 *
 * @param epochs passes over the training images
 * @param batchSize real images per step (and as many generated ones)
 * @param lr Adam's learning rate, for both networks
 * @param beta1 Adam's beta1
 * @param beta2 Adam's beta2
 * @param seed seeds the weights, the fixed sample noise, the training noise and the epoch shuffles
 * @param limit train on the first {@code limit} images only; 0 for all
 */
public record GanConfig(int epochs, int batchSize, double lr, double beta1, double beta2, long seed, int limit) {
    public GanConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("GanConfig: epochs must be positive, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("GanConfig: batch size must be at least 2, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("GanConfig: lr must be positive, got " + lr);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("GanConfig: limit must be >= 0 (0 for all images), got " + limit);
        }
    }

    public static GanConfig of() {
        return new GanConfig(30, 64, 2e-4, 0.5, 0.999, 0, 0);
    }

    public GanConfig withEpochs(int newEpochs) {
        return new GanConfig(newEpochs, batchSize, lr, beta1, beta2, seed, limit);
    }

    public GanConfig withBatchSize(int newBatchSize) {
        return new GanConfig(epochs, newBatchSize, lr, beta1, beta2, seed, limit);
    }

    public GanConfig withLr(double newLr) {
        return new GanConfig(epochs, batchSize, newLr, beta1, beta2, seed, limit);
    }

    public GanConfig withBetas(double newBeta1, double newBeta2) {
        return new GanConfig(epochs, batchSize, lr, newBeta1, newBeta2, seed, limit);
    }

    public GanConfig withSeed(long newSeed) {
        return new GanConfig(epochs, batchSize, lr, beta1, beta2, newSeed, limit);
    }

    public GanConfig withLimit(int newLimit) {
        return new GanConfig(epochs, batchSize, lr, beta1, beta2, seed, newLimit);
    }
}
