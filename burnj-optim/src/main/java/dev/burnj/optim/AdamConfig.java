package dev.burnj.optim;

import java.util.List;

/**
 * Settings of {@link Adam}: PyTorch's defaults lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad.
 * Immutable: {@code AdamConfig.of().withLr(1e-3).withBetas(0.9, 0.999).init()}.
 */
public final class AdamConfig extends OptimizerConfig<AdamConfig> {
    private final AdamSettings settings;

    private AdamConfig(double lr, double weightDecay, List<ParamGroup> groups, AdamSettings settings) {
        super(lr, weightDecay, groups);
        this.settings = settings;
    }

    public static AdamConfig of() {
        return new AdamConfig(1e-3, 0, List.of(), AdamSettings.DEFAULTS);
    }

    @Override
    AdamConfig withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups) {
        return new AdamConfig(newLr, newWeightDecay, newGroups, settings);
    }

    public AdamConfig withBetas(double beta1, double beta2) {
        return new AdamConfig(lr(), weightDecay(), groups(), settings.withBetas(beta1, beta2));
    }

    public AdamConfig withEps(double eps) {
        return new AdamConfig(lr(), weightDecay(), groups(), settings.withEps(eps));
    }

    public AdamConfig withAmsgrad(boolean amsgrad) {
        return new AdamConfig(lr(), weightDecay(), groups(), settings.withAmsgrad(amsgrad));
    }

    @Override
    public Adam init() {
        return new Adam(this, settings);
    }
}
