package dev.burnj.train.metric;

/**
 * What a metric may need besides the step output: where training is, how many items the batch held, and the current
 * learning rate (of the optimizer's first group; NaN during validation).
 *
 * @param epoch the epoch, from 0
 * @param step the global optimizer step (during validation: the step validated)
 * @param batchItems the number of items in this batch
 * @param learningRate the current learning rate, or NaN when none applies
 */
public record MetricContext(int epoch, long step, int batchItems, double learningRate) {
    public MetricContext {
        if (batchItems < 0) {
            throw new IllegalArgumentException("batchItems must be >= 0, got " + batchItems);
        }
    }
}
