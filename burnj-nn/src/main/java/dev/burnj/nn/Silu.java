package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * {@code x·sigmoid(x)} (swish) as a module (PyTorch's {@code nn.Silu}), for use in {@link Sequential}; it has no parameters and no config,
 * so it is made with {@code new Silu()}.
 */
public final class Silu extends Module {
    /** Applies the activation element-wise to a tensor of any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.silu();
    }
}
