package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/**
 * Adam as PyTorch's {@code torch.optim.Adam}, with L2 weight decay added to the gradient:
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}; with AMSGrad {@code v} in the denominator is
 * its running maximum. State: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}.
 */
public final class Adam extends Optimizer {
    private final AdamSettings settings;

    Adam(OptimizerConfig<?> config, AdamSettings settings) {
        super(config, "beta1", settings.beta1());
        this.settings = settings;
    }

    @Override
    protected <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state) {
        return adamStep(param, WeightDecay.coupled(grad, param, hyper.weightDecay()), hyper, settings, state);
    }

    /**
     * The Adam step from the (already decayed) gradient {@code g}, with the group's lr and {@code beta1} (its momentum,
     * which schedulers may change) from {@code hyper}; shared with AdamW. Call inside a scope.
     */
    static <T extends FloatTensor<T, ?, ?>> T adamStep(T param, T g, Hyper hyper, AdamSettings s, ParamState state) {
        double beta1 = hyper.momentum();
        double lr = hyper.lr();
        T m = Ema.update(state.get("exp_avg", param), g, beta1);
        T v = Ema.update(state.get("exp_avg_sq", param), g.mul(g), s.beta2());
        state.put("exp_avg", m);
        state.put("exp_avg_sq", v);
        if (s.amsgrad()) {
            T prevMax = state.get("max_exp_avg_sq", param);
            // a copy of the reference on the first step: one tensor must not be owned under two keys
            v = prevMax == null ? v.detach() : prevMax.maximum(v);
            state.put("max_exp_avg_sq", v);
        }
        long t = state.step();
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(s.beta2(), t));
        T denom = v.sqrt().div(biasCorrection2Sqrt).add(s.eps());
        return param.sub(m.div(denom).mul(lr / biasCorrection1));
    }
}
