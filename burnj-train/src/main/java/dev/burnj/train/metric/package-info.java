/**
 * Metrics the Learner computes on step outputs and on the run: loss, accuracy, top-k accuracy, macro precision,
 * recall and F1, learning rate, throughput, heap and device memory, CPU use. Step outputs offer inputs
 * ({@link dev.burnj.train.metric.LossInput}, {@link dev.burnj.train.metric.ClassificationInput},
 * {@link dev.burnj.train.metric.RegressionInput}) and each metric declares the input it reads.
 */
package dev.burnj.train.metric;
