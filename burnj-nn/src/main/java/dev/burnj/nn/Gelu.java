package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/** The Gaussian error linear unit {@code x·Φ(x)} (PyTorch's {@code nn.GELU}), exact or tanh-approximated. */
public final class Gelu extends Module {
    private final GeluConfig config;

    Gelu(GeluConfig config) {
        this.config = config;
    }

    public GeluConfig config() {
        return config;
    }

    /** Element-wise, any rank. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return config.tanhApproximation() ? input.geluTanh() : input.gelu();
    }
}
