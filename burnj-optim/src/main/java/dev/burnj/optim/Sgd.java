package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/**
 * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD}: {@code g += wd * p}; with momentum
 * {@code b = mu * b + (1 - dampening) * g} ({@code b = g} on the first step), then {@code g = g + mu * b} (Nesterov)
 * or {@code g = b}; finally {@code p -= lr * g}. State: {@code momentum_buffer}. The momentum {@code mu} is the group's
 * {@link #momentum(int)}, which schedulers may change.
 */
public final class Sgd extends Optimizer {
    private final SgdConfig config;

    Sgd(SgdConfig config) {
        super(config, "momentum", config.momentum());
        this.config = config;
    }

    @Override
    protected <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state) {
        T d = WeightDecay.coupled(grad, param, hyper.weightDecay());
        double mu = hyper.momentum();
        if (mu != 0) {
            T prev = state.get("momentum_buffer", param);
            // detach gives the state its own reference: the gradient tensor stays owned by its container
            T buf = prev == null ? d.detach() : prev.mul(mu).add(d.mul(1 - config.dampening()));
            state.put("momentum_buffer", buf);
            d = config.nesterov() ? d.add(buf.mul(mu)) : buf;
        }
        return param.sub(d.mul(hyper.lr()));
    }
}
