package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/** The logarithm of the softmax, computed stably, along one dim (PyTorch's {@code nn.LogSoftmax}). */
public final class LogSoftmax extends Module {
    private final LogSoftmaxConfig config;

    LogSoftmax(LogSoftmaxConfig config) {
        this.config = config;
    }

    public LogSoftmaxConfig config() {
        return config;
    }

    /** Any rank; the config's dim must exist in the input. */
    public <T extends FloatTensor<T, ?, ?>> T forward(T input) {
        return input.logSoftmax(config.dim());
    }
}
