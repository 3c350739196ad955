package dev.burnj.conformance.reference;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;

/** Reference cross-entropy of logits against class indices, in double with plain loops. */
public final class ReferenceLoss {
    private ReferenceLoss() {}

    /** {@code log(sum_j exp(x_ij)) - x_i[y_i]} per row, shifted by the row maximum. */
    public static TensorData crossEntropy(TensorData logits, TensorData targets) {
        int n = logits.shape().dim(0);
        int c = logits.shape().dim(1);
        double[] x = logits.toDoubles();
        long[] y = targets.toLongs();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logSumExp(x, i * c, c) - x[i * c + (int) y[i]];
        }
        return TensorData.fromDoubles(out, Shape.of(n), logits.dtype());
    }

    /** {@code (softmax(x_i) - onehot(y_i)) * g_i}. */
    public static TensorData crossEntropyBackward(TensorData logits, TensorData targets, TensorData grad) {
        int n = logits.shape().dim(0);
        int c = logits.shape().dim(1);
        double[] x = logits.toDoubles();
        long[] y = targets.toLongs();
        double[] g = grad.toDoubles();
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++) {
            double lse = logSumExp(x, i * c, c);
            for (int j = 0; j < c; j++) {
                out[i * c + j] = (Math.exp(x[i * c + j] - lse) - (j == y[i] ? 1 : 0)) * g[i];
            }
        }
        return TensorData.fromDoubles(out, logits.shape(), logits.dtype());
    }

    private static double logSumExp(double[] x, int from, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            max = Math.max(max, x[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            sum += Math.exp(x[from + j] - max);
        }
        return max + Math.log(sum);
    }
}
