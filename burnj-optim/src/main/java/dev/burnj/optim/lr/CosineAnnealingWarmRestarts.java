package dev.burnj.optim.lr;

/**
 * PyTorch's {@code CosineAnnealingWarmRestarts}: cosine annealing over cycles of {@code t0}, {@code t0 * tMult},
 * {@code t0 * tMult^2}, ... steps, restarting at the initial lr at the start of each cycle.
 */
public final class CosineAnnealingWarmRestarts extends StepScheduler {
    private final long t0;
    private final long tMult;
    private final double etaMin;

    private CosineAnnealingWarmRestarts(long t0, long tMult, double etaMin) {
        checkPositive("t0", t0);
        checkPositive("tMult", tMult);
        this.t0 = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
    }

    public static CosineAnnealingWarmRestarts of(long t0, long tMult, double etaMin) {
        return new CosineAnnealingWarmRestarts(t0, tMult, etaMin);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        // walk whole cycles in integers: PyTorch's log-based cycle index can misround at exact cycle boundaries
        long position = step;
        long length = t0;
        while (position >= length) {
            position -= length;
            length *= tMult;
        }
        return CosineAnnealingLr.cosine(initialLr, etaMin, position, length);
    }
}
