package dev.burnj.optim.lr;

import dev.burnj.optim.Optimizer;

/**
 * PyTorch's {@code OneCycleLR}: the learning rate goes from {@code maxLr / divFactor} up to {@code maxLr} over the
 * first {@code pctStart * totalSteps - 1} steps, then down to {@code maxLr / divFactor / finalDivFactor} at step
 * {@code totalSteps - 1}; with three phases it first returns to the initial value and anneals to the minimum at the
 * end. Annealing is cosine (default) or linear.
 *
 * <p>{@code maxLr} is {@link #withMaxLr} for every group, as PyTorch's {@code max_lr} argument; without it each group's
 * initial (configured) learning rate is its maximum, which also lets groups peak at different rates.
 *
 * <p>By default the momentum cycles inversely, as PyTorch's {@code cycle_momentum=True}: from {@code maxMomentum} down
 * to {@code baseMomentum} while the lr rises, and back up while it falls (in three phases it stays at
 * {@code maxMomentum} in the last). {@link #applyTo} writes it into each group's {@link Optimizer#momentum(int)} —
 * SGD's and RMSprop's {@code momentum}, Adam's and AdamW's {@code beta1} — and fails for an optimizer without one
 * (Adagrad) unless {@code withCycleMomentum(false)}. {@link #lr} and {@link #lrAt} give the learning rate only.
 */
public final class OneCycleLr extends StepScheduler {
    private final long totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean cosine;
    private final boolean threePhase;
    /** NaN: each group's initial lr is its maximum. */
    private final double maxLr;
    private final boolean cycleMomentum;
    private final double baseMomentum;
    private final double maxMomentum;

    private OneCycleLr(long totalSteps, double pctStart, double divFactor, double finalDivFactor, boolean cosine, boolean threePhase,
            double maxLr, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        checkPositive("totalSteps", totalSteps);
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("OneCycleLr: pctStart must be in (0, 1), got " + pctStart);
        }
        if (!(Double.isNaN(maxLr) || maxLr > 0 && maxLr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("OneCycleLr: maxLr must be a positive finite number, got " + maxLr);
        }
        if (!(baseMomentum >= 0 && maxMomentum >= 0)) {
            throw new IllegalArgumentException("OneCycleLr: momenta must be >= 0, got base " + baseMomentum + ", max " + maxMomentum);
        }
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.cosine = cosine;
        this.threePhase = threePhase;
        this.maxLr = maxLr;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
    }

    /**
     * PyTorch's defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4, cosine, two phases, momentum cycled between
     * 0.85 and 0.95; each group's initial lr as its maximum.
     */
    public static OneCycleLr of(long totalSteps) {
        return new OneCycleLr(totalSteps, 0.3, 25, 1e4, true, false, Double.NaN, true, 0.85, 0.95);
    }

    public OneCycleLr withPctStart(double newPctStart) {
        return new OneCycleLr(totalSteps, newPctStart, divFactor, finalDivFactor, cosine, threePhase, maxLr, cycleMomentum, baseMomentum,
                maxMomentum);
    }

    public OneCycleLr withDivFactors(double newDivFactor, double newFinalDivFactor) {
        return new OneCycleLr(totalSteps, pctStart, newDivFactor, newFinalDivFactor, cosine, threePhase, maxLr, cycleMomentum, baseMomentum,
                maxMomentum);
    }

    /** Linear instead of cosine annealing (of the lr and the momentum). */
    public OneCycleLr withLinearAnnealing() {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, false, threePhase, maxLr, cycleMomentum, baseMomentum,
                maxMomentum);
    }

    public OneCycleLr withThreePhase(boolean newThreePhase) {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, newThreePhase, maxLr, cycleMomentum, baseMomentum,
                maxMomentum);
    }

    /** The peak learning rate of every group (PyTorch's {@code max_lr}), instead of each group's initial lr. */
    public OneCycleLr withMaxLr(double newMaxLr) {
        if (Double.isNaN(newMaxLr)) {
            throw new IllegalArgumentException("OneCycleLr: maxLr must be a positive finite number, got NaN");
        }
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, threePhase, newMaxLr, cycleMomentum, baseMomentum,
                maxMomentum);
    }

    /** Whether {@link #applyTo} also cycles the momentum (default true, as PyTorch). */
    public OneCycleLr withCycleMomentum(boolean newCycleMomentum) {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, threePhase, maxLr, newCycleMomentum, baseMomentum,
                maxMomentum);
    }

    /** The momentum at the lr's peak (default 0.85). */
    public OneCycleLr withBaseMomentum(double newBaseMomentum) {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, threePhase, maxLr, cycleMomentum, newBaseMomentum,
                maxMomentum);
    }

    /** The momentum at the start and end of the cycle (default 0.95). */
    public OneCycleLr withMaxMomentum(double newMaxMomentum) {
        return new OneCycleLr(totalSteps, pctStart, divFactor, finalDivFactor, cosine, threePhase, maxLr, cycleMomentum, baseMomentum,
                newMaxMomentum);
    }

    /**
     * The lr after {@code step} steps for a group whose initial lr is {@code initialLr} (its maximum unless
     * {@link #withMaxLr} was given).
     *
     * @throws IllegalStateException past {@code totalSteps}, as PyTorch
     */
    @Override
    public double lrAt(long step, double initialLr) {
        double peak = Double.isNaN(maxLr) ? initialLr : maxLr;
        double initial = peak / divFactor;
        double min = initial / finalDivFactor;
        return threePhase ? phased(step, new double[] {initial, peak, initial, min})
                : phased(step, new double[] {initial, peak, min});
    }

    /**
     * The momentum after {@code step} steps when cycled: {@code maxMomentum} down to {@code baseMomentum} and back.
     *
     * @throws IllegalStateException past {@code totalSteps}, as PyTorch
     */
    public double momentumAt(long step) {
        return threePhase ? phased(step, new double[] {maxMomentum, baseMomentum, maxMomentum, maxMomentum})
                : phased(step, new double[] {maxMomentum, baseMomentum, maxMomentum});
    }

    /** Sets every group's lr and, when cycling momentum, its momentum. */
    @Override
    public void applyTo(Optimizer optimizer) {
        if (cycleMomentum && !optimizer.hasMomentum()) {
            throw new IllegalArgumentException("OneCycleLr: " + optimizer.getClass().getSimpleName() + " has no momentum to cycle (SGD, "
                    + "RMSprop, Adam and AdamW have one); use withCycleMomentum(false)");
        }
        super.applyTo(optimizer);
        if (cycleMomentum) {
            double momentum = momentumAt(stepCount());
            for (int g = 0; g < optimizer.groupCount(); g++) {
                optimizer.setMomentum(g, momentum);
            }
        }
    }

    /** The value after {@code step} steps of a cycle through {@code points}, one phase between each two. */
    private double phased(long step, double[] points) {
        if (step > totalSteps) {
            throw new IllegalStateException("OneCycleLr stepped " + step + " times, beyond its " + totalSteps + " total steps");
        }
        double up = pctStart * totalSteps - 1;
        double[] ends = threePhase ? new double[] {up, 2 * pctStart * totalSteps - 2, totalSteps - 1} : new double[] {up, totalSteps - 1};
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                return anneal(points[i], points[i + 1], (step - start) / (ends[i] - start));
            }
            start = ends[i];
        }
        throw new AssertionError("unreachable: the last phase always matches");
    }

    private double anneal(double from, double to, double pct) {
        return cosine ? to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1) : (to - from) * pct + from;
    }
}
