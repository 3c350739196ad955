package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/**
 * Adagrad as PyTorch's {@code torch.optim.Adagrad}: {@code g += wd * p}, {@code clr = lr / (1 + (t - 1) lr_decay)},
 * {@code s += g^2} (starting from the initial accumulator value), {@code p -= clr * g / (sqrt(s) + eps)}. State: {@code sum}.
 */
public final class Adagrad extends Optimizer {
    private final AdagradConfig config;

    Adagrad(AdagradConfig config) {
        super(config);
        this.config = config;
    }

    @Override
    protected <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state) {
        T g = WeightDecay.coupled(grad, param, hyper.weightDecay());
        double clr = hyper.lr() / (1 + (state.step() - 1) * config.lrDecay());
        T prev = state.get("sum", param);
        T squared = g.mul(g);
        T sum = prev == null ? squared.add(config.initialAccumulator()) : prev.add(squared);
        state.put("sum", sum);
        return param.sub(g.div(sum.sqrt().add(config.eps())).mul(clr));
    }
}
