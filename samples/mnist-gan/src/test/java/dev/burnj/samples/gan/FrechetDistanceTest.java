package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.source.IdxImageDataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metric itself, against closed forms and on real Fashion-MNIST features. */
class FrechetDistanceTest {
    @Test
    void identicalSetsAreAtDistanceZero() {
        double[][] features = gaussianSamples(500, new double[] {1, -2, 0.5}, new double[][] {{2, 0.3, 0}, {0.3, 1, -0.4}, {0, -0.4, 0.5}}, 3);
        assertEquals(0, FrechetDistance.between(features, features), 1e-9);
    }

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        // For commuting (here diagonal) covariances the trace term is sum (sqrt(a_k) - sqrt(b_k))^2.
        double[] mu1 = {0, 1, 2, 3};
        double[] mu2 = {1, 1, 0, 3};
        double[] a = {1, 4, 0.25, 9};
        double[] b = {4, 1, 0.25, 1};
        double expected = 1 + 0 + 4 + 0;
        for (int k = 0; k < 4; k++) {
            expected += Math.pow(Math.sqrt(a[k]) - Math.sqrt(b[k]), 2);
        }
        assertEquals(expected, FrechetDistance.between(new FrechetDistance.Statistics(mu1, diag(a)), new FrechetDistance.Statistics(mu2, diag(b))),
                1e-12);
    }

    @Test
    void nonCommutingTwoByTwoMatchesTheClosedForm() {
        // For 2x2 M with non-negative eigenvalues, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); here M = S1 S2.
        double[][] s1 = {{2, 0.8}, {0.8, 1}};
        double[][] s2 = {{1, -0.5}, {-0.5, 3}};
        double[] mu1 = {0.5, -1};
        double[] mu2 = {-0.5, 1};
        double trProduct = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double detProduct = det(s1) * det(s2);
        double expected = 1 + 4 + (2 + 1) + (1 + 3) - 2 * Math.sqrt(trProduct + 2 * Math.sqrt(detProduct));
        assertEquals(expected, FrechetDistance.between(new FrechetDistance.Statistics(mu1, s1), new FrechetDistance.Statistics(mu2, s2)), 1e-12);
    }

    @Test
    void samplesOfKnownGaussiansApproachTheirDistance() {
        double[][] s1 = {{2, 0.8}, {0.8, 1}};
        double[][] s2 = {{1, -0.5}, {-0.5, 3}};
        double[] mu1 = {0.5, -1};
        double[] mu2 = {-0.5, 1};
        double exact = FrechetDistance.between(new FrechetDistance.Statistics(mu1, s1), new FrechetDistance.Statistics(mu2, s2));
        double estimated = FrechetDistance.between(gaussianSamples(40_000, mu1, s1, 11), gaussianSamples(40_000, mu2, s2, 12));
        assertEquals(exact, estimated, 0.05 * exact);
    }

    @Test
    void statisticsAreTheSampleMeanAndUnbiasedCovariance() {
        FrechetDistance.Statistics s = FrechetDistance.Statistics.of(new double[][] {{1, 2}, {3, 6}, {5, 1}});
        assertEquals(3, s.mean()[0], 1e-15);
        assertEquals(3, s.mean()[1], 1e-15);
        // deviations from the mean (-2, -1), (0, 3), (2, -2); sums of products divided by n - 1 = 2
        assertEquals((4 + 0 + 4) / 2.0, s.covariance()[0][0], 1e-15);
        assertEquals((2 + 0 - 4) / 2.0, s.covariance()[0][1], 1e-15);
        assertEquals((1 + 9 + 4) / 2.0, s.covariance()[1][1], 1e-15);
        assertEquals(s.covariance()[0][1], s.covariance()[1][0]);
    }

    @Test
    void sqrtOfASpdMatrixSquaresBackToIt() {
        int n = 20;
        double[][] a = SymmetricEigenTest.randomSymmetric(n, 5);
        double[][] spd = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    spd[i][j] += a[i][k] * a[j][k];
                }
            }
        }
        double[][] root = FrechetDistance.sqrtPsd(spd);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sq = 0;
                for (int k = 0; k < n; k++) {
                    sq += root[i][k] * root[k][j];
                }
                assertEquals(spd[i][j], sq, 1e-9, "root^2[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void halvesOfRealDataAreCloseAndNoiseIsFar() {
        IdxImageDataset data = FashionData.train();
        float[][] first = new float[2000][];
        float[][] second = new float[2000][];
        for (int i = 0; i < 2000; i++) {
            first[i] = GanTrainer.toTanhRange(data.get(i)).pixels();
            second[i] = GanTrainer.toTanhRange(data.get(2000 + i)).pixels();
        }
        Random random = new Random(7);
        float[][] noise = new float[2000][784];
        for (float[] image : noise) {
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextFloat() * 2 - 1;
            }
        }
        double halves = FrechetDistance.between(PooledPixels.features(first, 28, 4), PooledPixels.features(second, 28, 4));
        double toNoise = FrechetDistance.between(PooledPixels.features(first, 28, 4), PooledPixels.features(noise, 28, 4));
        assertTrue(halves < 0.5, "FID between halves of the real data: " + halves);
        assertTrue(toNoise > 20 * halves, "FID real vs uniform noise " + toNoise + ", between real halves " + halves);
    }

    @Test
    void mismatchedFeatureCountsAreRejected() {
        double[][] a = {{1, 2}, {2, 3}};
        double[][] b = {{1, 2, 3}, {2, 3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
        assertEquals("FrechetDistance: the feature sets have 2 and 3 features; they must match", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(new double[][] {{1}}, a));
        assertEquals("FrechetDistance: need at least 2 feature vectors for a covariance, got 1", e.getMessage());
    }

    private static double[][] diag(double[] values) {
        double[][] m = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            m[i][i] = values[i];
        }
        return m;
    }

    private static double det(double[][] m) {
        return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    /** {@code n} draws of {@code N(mean, cov)}: {@code mean + L z} with the Cholesky factor {@code L} of {@code cov}. */
    static double[][] gaussianSamples(int n, double[] mean, double[][] cov, long seed) {
        int d = mean.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = cov[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        Random random = new Random(seed);
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (double[] row : out) {
            for (int k = 0; k < d; k++) {
                z[k] = random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                row[i] = mean[i];
                for (int k = 0; k <= i; k++) {
                    row[i] += l[i][k] * z[k];
                }
            }
        }
        return out;
    }
}
