package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * {@code 1/(1+exp(-x))} as a module (PyTorch's {@code nn.Sigmoid}), for use in {@link Sequential}; it has no parameters and no config,
 * so it is made with {@code new Sigmoid()}.
 */
public final class Sigmoid extends Module {
    /** Applies the activation element-wise to a tensor of any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.sigmoid();
    }
}
