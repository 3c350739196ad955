package dev.burnj.optim.lr;

/**
 * PyTorch's {@code OneCycleLR} with each group's initial learning rate as its {@code max_lr}: from
 * {@code max / divFactor} up to {@code max} over the first {@code pctStart * totalSteps - 1} steps, then down to
 * {@code max / divFactor / finalDivFactor} at step {@code totalSteps - 1}; with three phases it first returns to the
 * initial value and anneals to the minimum at the end. Annealing is cosine (default) or linear.
 */
public final class OneCycleLr extends StepScheduler {
    private final long totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean cosine;
    private final boolean threePhase;

    private OneCycleLr(long totalSteps, double pctStart, double divFactor, double finalDivFactor, boolean cosine, boolean threePhase) {
        checkPositive("totalSteps", totalSteps);
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("pctStart must be in (0, 1), got " + pctStart);
        }
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.cosine = cosine;
        this.threePhase = threePhase;
    }

    /** PyTorch's defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4, cosine, two phases. */
    public static OneCycleLr of(long totalSteps) {
        return new OneCycleLr(totalSteps, 0.3, 25, 1e4, true, false);
    }

    public OneCycleLr withPctStart(double newPctStart) {
        return new OneCycleLr(totalSteps, newPctStart, divFactor, finalDivFactor, cosine, threePhase);
    }

    public OneCycleLr withDivFactors(double newDivFactor, double newFinalDivFactor) {
        return new OneCycleLr(totalSteps, pctStart, newDivFactor, newFinalDivFactor, cosine, threePhase);
    }

    /** Linear instead of cosine annealing. */
    public OneCycleLr withLinearAnnealing() {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, false, threePhase);
    }

    public OneCycleLr withThreePhase(boolean newThreePhase) {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, newThreePhase);
    }

    /** @throws IllegalStateException past {@code totalSteps}, as PyTorch */
    @Override
    public double lrAt(long step, double maxLr) {
        if (step > totalSteps) {
            throw new IllegalStateException("OneCycleLr stepped " + step + " times, beyond its " + totalSteps + " total steps");
        }
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double up = pctStart * totalSteps - 1;
        double[] ends = threePhase ? new double[] {up, 2 * pctStart * totalSteps - 2, totalSteps - 1} : new double[] {up, totalSteps - 1};
        double[] from = threePhase ? new double[] {initial, maxLr, initial} : new double[] {initial, maxLr};
        double[] to = threePhase ? new double[] {maxLr, initial, min} : new double[] {maxLr, min};
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                double pct = (step - start) / (ends[i] - start);
                return anneal(from[i], to[i], pct);
            }
            start = ends[i];
        }
        throw new AssertionError("unreachable: the last phase always matches");
    }

    private double anneal(double from, double to, double pct) {
        return cosine ? to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1) : (to - from) * pct + from;
    }
}
