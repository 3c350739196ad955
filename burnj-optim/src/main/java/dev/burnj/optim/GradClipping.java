package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;

/** Gradient clipping in place on a {@link ParamGrads}, as PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}. */
public final class GradClipping {
    private GradClipping() {}

    /** {@link #clipNorm(ParamGrads, double, double)} with the Euclidean norm. */
    public static double clipNorm(ParamGrads grads, double maxNorm) {
        return clipNorm(grads, maxNorm, 2.0);
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the {@code normType}-norm
     * of all gradients together (infinity: the largest magnitude).
     *
     * @return the total norm before clipping (NaN or infinite when a gradient is; the gradients are then scaled by it too, as PyTorch)
     */
    public static double clipNorm(ParamGrads grads, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        double total = totalNorm(grads, normType);
        // PyTorch adds 1e-6 so that a zero norm does not divide by zero, and multiplies even when the factor is 1
        double coefficient = Math.min(1.0, maxNorm / (total + 1e-6));
        grads.replaceAll(g -> g.mul(coefficient));
        return total;
    }

    /** The {@code normType}-norm of all gradients viewed as one vector. */
    public static double totalNorm(ParamGrads grads, double normType) {
        if (!(normType > 0)) {
            throw new IllegalArgumentException("norm type must be > 0, got " + normType);
        }
        boolean infinity = normType == Double.POSITIVE_INFINITY;
        double acc = 0;
        for (String name : grads.names()) {
            FloatTensor<?, ?, ?> g = grads.get(name);
            try (Tensor1 norm = g.norm(normType)) {
                double n = norm.item();
                acc = infinity ? Math.max(acc, n) : acc + Math.pow(n, normType);
            }
        }
        return infinity ? acc : Math.pow(acc, 1.0 / normType);
    }

    /** Clamps every gradient element into {@code [-clip, clip]}. */
    public static void clipValue(ParamGrads grads, double clip) {
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clipValue: clip must be >= 0, got " + clip);
        }
        grads.replaceAll(g -> g.clamp(-clip, clip));
    }
}
