package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/** Exponentials normalised to sum to 1 along one dim (PyTorch's {@code nn.Softmax}). */
public final class Softmax extends Module {
    private final SoftmaxConfig config;

    Softmax(SoftmaxConfig config) {
        this.config = config;
    }

    public SoftmaxConfig config() {
        return config;
    }

    /** Any rank; the config's dim must exist in the input. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.softmax(config.dim());
    }
}
