package dev.burnj.optim;

import java.util.List;

/**
 * Settings of {@link RmsProp}: PyTorch's defaults lr 1e-2, alpha 0.99, eps 1e-8, no momentum, not centered.
 * Immutable: {@code RmsPropConfig.of().withAlpha(0.9).withCentered(true).init()}.
 */
public final class RmsPropConfig extends OptimizerConfig<RmsPropConfig> {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    private RmsPropConfig(double lr, double weightDecay, List<ParamGroup> groups, double alpha, double eps, double momentum, boolean centered) {
        super(lr, weightDecay, groups);
        this.alpha = Hyper.inUnitInterval("alpha", alpha);
        this.eps = Hyper.nonNegative("eps", eps);
        this.momentum = Hyper.nonNegative("momentum", momentum);
        this.centered = centered;
    }

    public static RmsPropConfig of() {
        return new RmsPropConfig(1e-2, 0, List.of(), 0.99, 1e-8, 0, false);
    }

    @Override
    RmsPropConfig withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups) {
        return new RmsPropConfig(newLr, newWeightDecay, newGroups, alpha, eps, momentum, centered);
    }

    public RmsPropConfig withAlpha(double newAlpha) {
        return new RmsPropConfig(lr(), weightDecay(), groups(), newAlpha, eps, momentum, centered);
    }

    public RmsPropConfig withEps(double newEps) {
        return new RmsPropConfig(lr(), weightDecay(), groups(), alpha, newEps, momentum, centered);
    }

    public RmsPropConfig withMomentum(double newMomentum) {
        return new RmsPropConfig(lr(), weightDecay(), groups(), alpha, eps, newMomentum, centered);
    }

    public RmsPropConfig withCentered(boolean newCentered) {
        return new RmsPropConfig(lr(), weightDecay(), groups(), alpha, eps, momentum, newCentered);
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    public RmsProp init() {
        return new RmsProp(this);
    }
}
