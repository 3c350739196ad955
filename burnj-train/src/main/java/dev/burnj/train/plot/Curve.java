package dev.burnj.train.plot;

import java.util.Arrays;

/**
 * One line of a plot: points {@code (x[i], y[i])} in the order they were logged.
 *
 * @param x the x values (steps or epochs)
 * @param y the metric values
 */
public record Curve(double[] x, double[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Curve needs as many x as y values, got " + x.length + " and " + y.length);
        }
    }

    public int size() {
        return x.length;
    }

    /**
     * At most {@code max} points: consecutive points averaged in equal groups. A plot cannot show more points than it
     * has pixels, and averaging keeps the trend of a noisy per-step curve.
     */
    public Curve downsample(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("Curve.downsample needs max >= 1, got " + max);
        }
        if (size() <= max) {
            return this;
        }
        int group = (size() + max - 1) / max;
        int n = (size() + group - 1) / group;
        double[] gx = new double[n];
        double[] gy = new double[n];
        for (int g = 0; g < n; g++) {
            int from = g * group;
            int to = Math.min(size(), from + group);
            gx[g] = Arrays.stream(x, from, to).average().orElseThrow();
            gy[g] = Arrays.stream(y, from, to).average().orElseThrow();
        }
        return new Curve(gx, gy);
    }
}
