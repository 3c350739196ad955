package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/**
 * AdamW as PyTorch's {@code torch.optim.AdamW}: decoupled weight decay {@code p *= 1 - lr * wd} first, then the Adam
 * step with the plain gradient. State as {@link Adam}.
 */
public final class AdamW extends Optimizer {
    private final AdamSettings settings;

    AdamW(AdamWConfig config, AdamSettings settings) {
        super(config, "beta1", settings.beta1());
        this.settings = settings;
    }

    @Override
    protected <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state) {
        T decayed = WeightDecay.decoupled(param, hyper.lr(), hyper.weightDecay());
        return Adam.adamStep(decayed, grad, hyper, settings, state);
    }
}
