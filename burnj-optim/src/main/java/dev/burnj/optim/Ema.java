package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/** Exponential moving averages as PyTorch's optimizers keep them, starting from zeros. */
final class Ema {
    private Ema() {}

    /** {@code decay * prev + (1 - decay) * x}, with {@code prev = 0} when null (the state's first update). Call inside a scope. */
    static <T extends FloatTensor<T, ?, ?>> T update(T prev, T x, double decay) {
        T fresh = x.mul(1 - decay);
        return prev == null ? fresh : prev.mul(decay).add(fresh);
    }
}
