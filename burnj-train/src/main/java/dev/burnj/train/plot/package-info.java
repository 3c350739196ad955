/**
 * PNG plots of a run's metrics, drawn from its {@code metrics.csv} with JFreeChart
 * ({@link dev.burnj.train.plot.MetricPlots}).
 */
package dev.burnj.train.plot;
