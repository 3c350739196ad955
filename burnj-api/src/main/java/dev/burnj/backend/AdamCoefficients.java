package dev.burnj.backend;

/**
 * The scalars of one Adam step as PyTorch formulates it: the moment decays {@code beta1} and {@code beta2},
 * {@code eps}, the step size {@code lr / (1 - beta1^t)} and {@code sqrt(1 - beta2^t)}.
 */
public record AdamCoefficients(double beta1, double beta2, double eps, double stepSize, double biasCorrection2Sqrt) {
    public AdamCoefficients {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas must lie in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(eps >= 0) || !Double.isFinite(eps) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("Adam: eps must be finite and >= 0 and the step size finite, got " + eps + " and " + stepSize);
        }
        if (!(biasCorrection2Sqrt > 0 && biasCorrection2Sqrt <= 1)) {
            throw new IllegalArgumentException("Adam: sqrt(1 - beta2^t) must lie in (0, 1], got " + biasCorrection2Sqrt);
        }
    }

    /** The coefficients of step {@code t} (counted from 1) with learning rate {@code lr}. */
    public static AdamCoefficients of(double lr, double beta1, double beta2, double eps, long t) {
        if (t < 1) {
            throw new IllegalArgumentException("Adam: steps count from 1, got " + t);
        }
        return new AdamCoefficients(beta1, beta2, eps, lr / (1 - Math.pow(beta1, t)), Math.sqrt(1 - Math.pow(beta2, t)));
    }
}
