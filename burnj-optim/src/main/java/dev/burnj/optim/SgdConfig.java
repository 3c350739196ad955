package dev.burnj.optim;

import java.util.List;

/**
 * Settings of {@link Sgd}: PyTorch's defaults are lr 1e-3, no momentum, no dampening, no Nesterov, no weight decay.
 * Immutable: {@code SgdConfig.of().withLr(0.1).withMomentum(0.9).withNesterov(true).init()}.
 */
public final class SgdConfig extends OptimizerConfig<SgdConfig> {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    private SgdConfig(double lr, double weightDecay, List<ParamGroup> groups, double momentum, double dampening, boolean nesterov) {
        super(lr, weightDecay, groups);
        this.momentum = Hyper.nonNegative("momentum", momentum);
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    public static SgdConfig of() {
        return new SgdConfig(1e-3, 0, List.of(), 0, 0, false);
    }

    @Override
    SgdConfig withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups) {
        return new SgdConfig(newLr, newWeightDecay, newGroups, momentum, dampening, nesterov);
    }

    public SgdConfig withMomentum(double newMomentum) {
        return new SgdConfig(lr(), weightDecay(), groups(), newMomentum, dampening, nesterov);
    }

    public SgdConfig withDampening(double newDampening) {
        return new SgdConfig(lr(), weightDecay(), groups(), momentum, newDampening, nesterov);
    }

    public SgdConfig withNesterov(boolean newNesterov) {
        return new SgdConfig(lr(), weightDecay(), groups(), momentum, dampening, newNesterov);
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    /** @throws IllegalArgumentException for Nesterov without momentum or with dampening, as PyTorch */
    @Override
    public Sgd init() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening (momentum " + momentum
                    + ", dampening " + dampening + ")");
        }
        return new Sgd(this);
    }
}
