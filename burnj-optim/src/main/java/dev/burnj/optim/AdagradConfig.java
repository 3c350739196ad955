package dev.burnj.optim;

import java.util.List;

/**
 * Settings of {@link Adagrad}: PyTorch's defaults lr 1e-2, lr decay 0, initial accumulator 0, eps 1e-10.
 * Immutable: {@code AdagradConfig.of().withLrDecay(1e-3).withInitialAccumulator(0.1).init()}.
 */
public final class AdagradConfig extends OptimizerConfig<AdagradConfig> {
    private final double lrDecay;
    private final double initialAccumulator;
    private final double eps;

    private AdagradConfig(double lr, double weightDecay, List<ParamGroup> groups, double lrDecay, double initialAccumulator, double eps) {
        super(lr, weightDecay, groups);
        this.lrDecay = Hyper.nonNegative("lr decay", lrDecay);
        this.initialAccumulator = Hyper.nonNegative("initial accumulator", initialAccumulator);
        this.eps = Hyper.nonNegative("eps", eps);
    }

    public static AdagradConfig of() {
        return new AdagradConfig(1e-2, 0, List.of(), 0, 0, 1e-10);
    }

    @Override
    AdagradConfig withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups) {
        return new AdagradConfig(newLr, newWeightDecay, newGroups, lrDecay, initialAccumulator, eps);
    }

    public AdagradConfig withLrDecay(double newLrDecay) {
        return new AdagradConfig(lr(), weightDecay(), groups(), newLrDecay, initialAccumulator, eps);
    }

    public AdagradConfig withInitialAccumulator(double value) {
        return new AdagradConfig(lr(), weightDecay(), groups(), lrDecay, value, eps);
    }

    public AdagradConfig withEps(double newEps) {
        return new AdagradConfig(lr(), weightDecay(), groups(), lrDecay, initialAccumulator, newEps);
    }

    public double lrDecay() {
        return lrDecay;
    }

    public double initialAccumulator() {
        return initialAccumulator;
    }

    public double eps() {
        return eps;
    }

    @Override
    public Adagrad init() {
        return new Adagrad(this);
    }
}
