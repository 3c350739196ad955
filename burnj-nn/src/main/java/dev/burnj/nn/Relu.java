package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * {@code max(x, 0)} as a module (PyTorch's {@code nn.Relu}), for use in {@link Sequential}; it has no parameters and no config,
 * so it is made with {@code new Relu()}.
 */
public final class Relu extends Module {
    /** Applies the activation element-wise to a tensor of any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.relu();
    }
}
