package dev.burnj.optim;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.OptimizerKernels;
import dev.burnj.tensor.OptimizerKernels.AdamTensors;

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
     * which schedulers may change) from {@code hyper}; shared with AdamW. Call inside a scope. {@code param} and the
     * moments are consumed (closed; the backend may reuse their memory for the results), as the caller and the state
     * would close them anyway.
     */
    static <T extends FloatTensor<T, ?, ?>> T adamStep(T param, T g, Hyper hyper, AdamSettings s, ParamState state) {
        double beta1 = hyper.momentum();
        T m = state.get("exp_avg", param);
        T v = state.get("exp_avg_sq", param);
        T max = s.amsgrad() ? state.get("max_exp_avg_sq", param) : null;
        // The moments start at zero, as PyTorch's do: 0 * beta + (1 - beta) * x is exactly (1 - beta) * x.
        m = m == null ? TensorRanks.zerosLike(param) : m;
        v = v == null ? TensorRanks.zerosLike(param) : v;
        max = s.amsgrad() && max == null ? TensorRanks.zerosLike(param) : max;
        AdamTensors<T> next = OptimizerKernels.adam(param, g, m, v, max,
                AdamCoefficients.of(hyper.lr(), beta1, s.beta2(), s.eps(), state.step()));
        state.put("exp_avg", next.expAvg());
        state.put("exp_avg_sq", next.expAvgSq());
        if (s.amsgrad()) {
            state.put("max_exp_avg_sq", next.maxExpAvgSq());
        }
        return next.param();
    }
}
