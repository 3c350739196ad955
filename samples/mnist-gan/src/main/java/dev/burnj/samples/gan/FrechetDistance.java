package dev.burnj.samples.gan;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised as a Gaussian with the set's mean and
 * covariance: {@code |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))} (Dowson and Landau, 1982). With Inception-v3 pool
 * features this is the FID of Heusel et al. (2017); this sample uses smaller feature extractors, so its numbers are
 * comparable only with each other.
 *
 * <p>{@code S1 S2} is not symmetric, but it is similar to the symmetric PSD matrix {@code S1^(1/2) S2 S1^(1/2)}, so
 * both have the same non-negative eigenvalues and the trace of the square root is the sum of their square roots. Both
 * square roots come from {@link SymmetricEigen}, in double precision; eigenvalues that round to slightly below zero
 * are taken as zero. Covariances are unbiased ({@code n - 1}), as in the reference implementations.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /**
     * The mean and covariance of a feature set.
     *
     * @param mean the per-feature mean, {@code [d]}
     * @param covariance the {@code [d, d]} covariance
     */
    public record Statistics(double[] mean, double[][] covariance) {
        public Statistics {
            int d = mean.length;
            if (covariance.length != d) {
                throw new IllegalArgumentException("FrechetDistance.Statistics: mean has " + d + " features, covariance " + covariance.length
                        + " rows");
            }
            for (int i = 0; i < d; i++) {
                if (covariance[i].length != d) {
                    throw new IllegalArgumentException("FrechetDistance.Statistics: covariance row " + i + " has " + covariance[i].length
                            + " entries, expected " + d);
                }
            }
        }

        /** The statistics of {@code features}, one row per sample: at least 2 rows, all of the same length. */
        public static Statistics of(double[][] features) {
            int n = features.length;
            if (n < 2) {
                throw new IllegalArgumentException("FrechetDistance: need at least 2 feature vectors for a covariance, got " + n);
            }
            int d = features[0].length;
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                if (features[i].length != d) {
                    throw new IllegalArgumentException("FrechetDistance: feature vector " + i + " has " + features[i].length + " entries, expected "
                            + d + " like the first");
                }
                for (int k = 0; k < d; k++) {
                    mean[k] += features[i][k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= n;
            }
            double[][] cov = new double[d][d];
            double[] centred = new double[d];
            for (double[] row : features) {
                for (int k = 0; k < d; k++) {
                    centred[k] = row[k] - mean[k];
                }
                for (int a = 0; a < d; a++) {
                    double ca = centred[a];
                    for (int b = a; b < d; b++) {
                        cov[a][b] += ca * centred[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
            }
            return new Statistics(mean, cov);
        }
    }

    /** The distance between the statistics of two feature sets (rows are samples; the same number of columns). */
    public static double between(double[][] first, double[][] second) {
        return between(Statistics.of(first), Statistics.of(second));
    }

    /** The distance between two Gaussians given by their statistics. */
    public static double between(Statistics first, Statistics second) {
        int d = first.mean().length;
        if (second.mean().length != d) {
            throw new IllegalArgumentException("FrechetDistance: the feature sets have " + d + " and " + second.mean().length
                    + " features; they must match");
        }
        double meanTerm = 0;
        double traces = 0;
        for (int k = 0; k < d; k++) {
            double diff = first.mean()[k] - second.mean()[k];
            meanTerm += diff * diff;
            traces += first.covariance()[k][k] + second.covariance()[k][k];
        }
        double[][] root = sqrtPsd(first.covariance());
        double[][] product = symmetrised(multiply(multiply(root, second.covariance()), root));
        double traceSqrt = 0;
        for (double lambda : SymmetricEigen.of(product).values) {
            traceSqrt += Math.sqrt(Math.max(lambda, 0));
        }
        // Rounding can make the result a tiny negative number for identical statistics.
        return Math.max(meanTerm + traces - 2 * traceSqrt, 0);
    }

    /** The symmetric square root {@code V diag(sqrt(max(l, 0))) V^T} of a symmetric PSD matrix. */
    static double[][] sqrtPsd(double[][] matrix) {
        SymmetricEigen eig = SymmetricEigen.of(symmetrised(matrix));
        int d = matrix.length;
        double[] roots = new double[d];
        for (int k = 0; k < d; k++) {
            roots[k] = Math.sqrt(Math.max(eig.values[k], 0));
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += eig.vectors[i][k] * roots[k] * eig.vectors[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    /** {@code (m + m^T) / 2}: removes the rounding asymmetry of a product that is symmetric in exact arithmetic. */
    private static double[][] symmetrised(double[][] m) {
        int n = m.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (m[i][j] + m[j][i]) / 2;
            }
        }
        return out;
    }
}
