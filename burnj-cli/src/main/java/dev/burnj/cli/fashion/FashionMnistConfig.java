package dev.burnj.cli.fashion;

import dev.burnj.cli.task.TaskConfig;

/**
 * The hyper-parameters of the built-in Fashion-MNIST tasks.
 *
 * @param epochs epochs to train (default 10)
 * @param batchSize training batch size (default 64)
 * @param lr Adam's learning rate (default 1e-3)
 * @param validItems training images held out, from the end of the training set, for validation (default 5 000)
 * @param normalize whether pixels in [0, 1] are normalised with the training set's mean and standard deviation
 * @param dataDir a directory holding the four IDX files; null to look them up ({@code BURNJ_DATA}, Debian's
 *     {@code dataset-fashion-mnist}, {@code ~/.burnj/data})
 * @param evalBatchSize batch size for validation and test (default 1 000)
 */
public record FashionMnistConfig(int epochs, int batchSize, double lr, int validItems, boolean normalize, String dataDir, int evalBatchSize)
        implements TaskConfig {
    public FashionMnistConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (validItems < 0 || validItems >= 60_000) {
            throw new IllegalArgumentException("valid_items must be in [0, 60000), got " + validItems);
        }
        if (evalBatchSize < 1) {
            throw new IllegalArgumentException("eval_batch_size must be >= 1, got " + evalBatchSize);
        }
    }

    /** The defaults of both tasks: 10 epochs, batch 64, Adam 1e-3, the last 5 000 training images for validation. */
    static FashionMnistConfig defaults() {
        return new FashionMnistConfig(10, 64, 1e-3, 5_000, true, null, 1_000);
    }
}
