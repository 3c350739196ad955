package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * The hyperbolic tangent as a module (PyTorch's {@code nn.Tanh}), for use in {@link Sequential}; it has no parameters and no config,
 * so it is made with {@code new Tanh()}.
 */
public final class Tanh extends Module {
    /** Applies the activation element-wise to a tensor of any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.tanh();
    }
}
