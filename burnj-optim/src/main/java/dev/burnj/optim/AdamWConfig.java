package dev.burnj.optim;

import java.util.List;

/**
 * Settings of {@link AdamW}: as {@link AdamConfig} but with PyTorch's default decoupled weight decay 1e-2.
 * Immutable: {@code AdamWConfig.of().withLr(3e-4).withWeightDecay(0.05).init()}.
 */
public final class AdamWConfig extends OptimizerConfig<AdamWConfig> {
    private final AdamSettings settings;

    private AdamWConfig(double lr, double weightDecay, List<ParamGroup> groups, AdamSettings settings) {
        super(lr, weightDecay, groups);
        this.settings = settings;
    }

    public static AdamWConfig of() {
        return new AdamWConfig(1e-3, 1e-2, List.of(), AdamSettings.DEFAULTS);
    }

    @Override
    AdamWConfig withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups) {
        return new AdamWConfig(newLr, newWeightDecay, newGroups, settings);
    }

    public AdamWConfig withBetas(double beta1, double beta2) {
        return new AdamWConfig(lr(), weightDecay(), groups(), settings.withBetas(beta1, beta2));
    }

    public AdamWConfig withEps(double eps) {
        return new AdamWConfig(lr(), weightDecay(), groups(), settings.withEps(eps));
    }

    public AdamWConfig withAmsgrad(boolean amsgrad) {
        return new AdamWConfig(lr(), weightDecay(), groups(), settings.withAmsgrad(amsgrad));
    }

    @Override
    public AdamW init() {
        return new AdamW(this, settings);
    }
}
