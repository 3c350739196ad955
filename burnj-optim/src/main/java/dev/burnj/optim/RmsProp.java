package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/**
 * RMSprop as PyTorch's {@code torch.optim.RMSprop}: {@code g += wd * p}, {@code s = alpha s + (1 - alpha) g^2};
 * centered: {@code a = alpha a + (1 - alpha) g} and {@code avg = sqrt(s - a^2) + eps}, else {@code avg = sqrt(s) + eps};
 * with momentum {@code b = mu b + g / avg} and {@code p -= lr * b}, else {@code p -= lr * g / avg}.
 * State: {@code square_avg}, {@code grad_avg}, {@code momentum_buffer}. The momentum {@code mu} is the group's
 * {@link #momentum(int)}, which schedulers may change.
 */
public final class RmsProp extends Optimizer {
    private final RmsPropConfig config;

    RmsProp(RmsPropConfig config) {
        super(config, "momentum", config.momentum());
        this.config = config;
    }

    @Override
    protected <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state) {
        T g = WeightDecay.coupled(grad, param, hyper.weightDecay());
        T squareAvg = Ema.update(state.get("square_avg", param), g.mul(g), config.alpha());
        state.put("square_avg", squareAvg);
        T variance = squareAvg;
        if (config.centered()) {
            T gradAvg = Ema.update(state.get("grad_avg", param), g, config.alpha());
            state.put("grad_avg", gradAvg);
            variance = squareAvg.sub(gradAvg.mul(gradAvg));
        }
        T scaled = g.div(variance.sqrt().add(config.eps()));
        if (hyper.momentum() > 0) {
            T prev = state.get("momentum_buffer", param);
            T buf = prev == null ? scaled : prev.mul(hyper.momentum()).add(scaled);
            state.put("momentum_buffer", buf);
            scaled = buf;
        }
        return param.sub(scaled.mul(hyper.lr()));
    }
}
