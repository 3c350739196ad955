package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/** The activation of a transformer layer's feed-forward block: PyTorch's {@code activation='relu' | 'gelu'}. */
public enum TransformerActivation {
    /** {@code max(x, 0)} (PyTorch's default). */
    RELU,
    /** The exact (erf) GELU, as PyTorch's {@code 'gelu'}. */
    GELU;

    /** Element-wise, any rank. */
    <T extends FloatTensor<T, ?, ?>> T apply(T input) {
        return switch (this) {
            case RELU -> input.relu();
            case GELU -> input.gelu();
        };
    }
}
