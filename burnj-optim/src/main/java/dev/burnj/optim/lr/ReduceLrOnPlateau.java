package dev.burnj.optim.lr;

import dev.burnj.optim.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * PyTorch's {@code ReduceLROnPlateau}: after more than {@code patience} steps without improvement of the metric
 * (mode min or max), the learning rate is multiplied by {@code factor} (not below {@code minLr},
 * and only when it changes by more than {@code eps}), followed by {@code cooldown} steps in which bad steps are not
 * counted. Each group's lr is its initial one reduced that many times. A metric improves on the best so far by the
 * threshold: relatively ({@code threshold_mode='rel'}, default: below {@code best * (1 - threshold)}, or above
 * {@code best * (1 + threshold)} when maximizing) or absolutely ({@code 'abs'}: below {@code best - threshold}, or above
 * {@code best + threshold}).
 */
public final class ReduceLrOnPlateau implements LrScheduler {
    private final boolean maximize;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean absoluteThreshold;
    private final int cooldown;
    private final double minLr;
    private final double eps;

    private Double best;
    private int badSteps;
    private int cooldownLeft;
    private int reductions;

    private ReduceLrOnPlateau(boolean maximize, double factor, int patience, double threshold, boolean absoluteThreshold, int cooldown,
            double minLr, double eps) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
        }
        this.maximize = maximize;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.absoluteThreshold = absoluteThreshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.eps = eps;
    }

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, relative threshold 1e-4, no cooldown, min lr 0, eps 1e-8. */
    public static ReduceLrOnPlateau of() {
        return new ReduceLrOnPlateau(false, 0.1, 10, 1e-4, false, 0, 0, 1e-8);
    }

    /** Mode max: a larger metric is better (e.g. accuracy). */
    public ReduceLrOnPlateau maximizing() {
        return new ReduceLrOnPlateau(true, factor, patience, threshold, absoluteThreshold, cooldown, minLr, eps);
    }

    public ReduceLrOnPlateau withFactor(double newFactor) {
        return new ReduceLrOnPlateau(maximize, newFactor, patience, threshold, absoluteThreshold, cooldown, minLr, eps);
    }

    public ReduceLrOnPlateau withPatience(int newPatience) {
        return new ReduceLrOnPlateau(maximize, factor, newPatience, threshold, absoluteThreshold, cooldown, minLr, eps);
    }

    public ReduceLrOnPlateau withThreshold(double newThreshold) {
        return new ReduceLrOnPlateau(maximize, factor, patience, newThreshold, absoluteThreshold, cooldown, minLr, eps);
    }

    /**
     * Whether the threshold is absolute (PyTorch's {@code threshold_mode='abs'}) rather than relative ({@code 'rel'},
     * default).
     */
    public ReduceLrOnPlateau withAbsoluteThreshold(boolean newAbsoluteThreshold) {
        return new ReduceLrOnPlateau(maximize, factor, patience, threshold, newAbsoluteThreshold, cooldown, minLr, eps);
    }

    public ReduceLrOnPlateau withCooldown(int newCooldown) {
        return new ReduceLrOnPlateau(maximize, factor, patience, threshold, absoluteThreshold, newCooldown, minLr, eps);
    }

    public ReduceLrOnPlateau withMinLr(double newMinLr) {
        return new ReduceLrOnPlateau(maximize, factor, patience, threshold, absoluteThreshold, cooldown, newMinLr, eps);
    }

    /** Records one epoch's metric, reducing the learning rate on a plateau. */
    public void step(double metric) {
        if (best == null || improves(metric)) {
            best = metric;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badSteps = 0;
        }
        if (badSteps > patience) {
            reductions++;
            cooldownLeft = cooldown;
            badSteps = 0;
        }
    }

    /** Records a metric and applies the resulting learning rates to {@code optimizer}. */
    public void step(double metric, Optimizer optimizer) {
        step(metric);
        applyTo(optimizer);
    }

    private boolean improves(double metric) {
        if (absoluteThreshold) {
            return maximize ? metric > best + threshold : metric < best - threshold;
        }
        return maximize ? metric > best * (1 + threshold) : metric < best * (1 - threshold);
    }

    /** The initial lr reduced {@code reductions} times, each skipped when it would change the lr by {@code eps} or less. */
    @Override
    public double lr(double initialLr) {
        double lr = initialLr;
        for (int i = 0; i < reductions; i++) {
            double next = Math.max(lr * factor, minLr);
            if (lr - next > eps) {
                lr = next;
            }
        }
        return lr;
    }

    /** The number of reductions triggered so far. */
    public int reductions() {
        return reductions;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> out = new HashMap<>();
        out.put("best", best);
        out.put("badSteps", badSteps);
        out.put("cooldownLeft", cooldownLeft);
        out.put("reductions", reductions);
        return out;
    }

    @Override
    public void loadState(Map<String, Object> state) {
        Object b = state.get("best");
        best = b == null ? null : ((Number) b).doubleValue();
        badSteps = ((Number) state.get("badSteps")).intValue();
        cooldownLeft = ((Number) state.get("cooldownLeft")).intValue();
        reductions = ((Number) state.get("reductions")).intValue();
    }
}
