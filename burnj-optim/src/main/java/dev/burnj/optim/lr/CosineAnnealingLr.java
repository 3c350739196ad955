package dev.burnj.optim.lr;

/**
 * PyTorch's {@code CosineAnnealingLR} in its closed form:
 * {@code etaMin + (lr - etaMin) (1 + cos(pi * step / tMax)) / 2} (past {@code tMax} the cosine continues, as PyTorch's).
 */
public final class CosineAnnealingLr extends StepScheduler {
    private final long tMax;
    private final double etaMin;

    private CosineAnnealingLr(long tMax, double etaMin) {
        checkPositive("tMax", tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    public static CosineAnnealingLr of(long tMax, double etaMin) {
        return new CosineAnnealingLr(tMax, etaMin);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        return cosine(initialLr, etaMin, step, tMax);
    }

    /** The half-cosine from {@code from} (at 0) to {@code to} (at {@code length}); shared with warm restarts. */
    static double cosine(double from, double to, long position, long length) {
        return to + (from - to) * (1 + Math.cos(Math.PI * position / length)) / 2;
    }
}
