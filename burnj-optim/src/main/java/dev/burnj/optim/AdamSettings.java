package dev.burnj.optim;

/**
 * The settings Adam and AdamW share.
 *
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param eps added to the denominator
 * @param amsgrad whether to divide by the running maximum of the second moment
 */
record AdamSettings(double beta1, double beta2, double eps, boolean amsgrad) {
    static final AdamSettings DEFAULTS = new AdamSettings(0.9, 0.999, 1e-8, false);

    AdamSettings {
        Hyper.inUnitInterval("beta1", beta1);
        Hyper.inUnitInterval("beta2", beta2);
        Hyper.nonNegative("eps", eps);
    }

    AdamSettings withBetas(double b1, double b2) {
        return new AdamSettings(b1, b2, eps, amsgrad);
    }

    AdamSettings withEps(double newEps) {
        return new AdamSettings(beta1, beta2, newEps, amsgrad);
    }

    AdamSettings withAmsgrad(boolean newAmsgrad) {
        return new AdamSettings(beta1, beta2, eps, newAmsgrad);
    }
}
