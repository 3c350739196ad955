package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/** {@code x} for positive inputs, {@code negativeSlope·x} otherwise (PyTorch's {@code nn.LeakyReLU}). */
public final class LeakyRelu extends Module {
    private final LeakyReluConfig config;

    LeakyRelu(LeakyReluConfig config) {
        this.config = config;
    }

    public LeakyReluConfig config() {
        return config;
    }

    /** Element-wise, any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.leakyRelu(config.negativeSlope());
    }
}
