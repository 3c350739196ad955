package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    static double[][] randomSymmetric(int n, long seed) {
        Random random = new Random(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    @Test
    void reconstructsTheMatrixFromOrthonormalVectors() {
        int n = 30;
        double[][] a = randomSymmetric(n, 1);
        SymmetricEigen eig = SymmetricEigen.of(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < n; k++) {
                    rebuilt += eig.vectors[i][k] * eig.values[k] * eig.vectors[j][k];
                    gram += eig.vectors[k][i] * eig.vectors[k][j];
                }
                assertEquals(a[i][j], rebuilt, 1e-10, "A[" + i + "][" + j + "]");
                assertEquals(i == j ? 1 : 0, gram, 1e-10, "VᵀV[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void knownEigenvaluesOfATwoByTwo() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3
        double[] values = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).values.clone();
        Arrays.sort(values);
        assertEquals(1, values[0], 1e-14);
        assertEquals(3, values[1], 1e-14);
    }

    @Test
    void rejectsANonSquareMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}));
        assertEquals("SymmetricEigen: the matrix must be square, row 1 has 1 entries, expected 2", e.getMessage());
    }
}
