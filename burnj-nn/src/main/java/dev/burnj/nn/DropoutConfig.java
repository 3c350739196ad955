package dev.burnj.nn;

import dev.burnj.random.Generator;

/**
 * Configuration of a {@link Dropout} layer.
 *
 * @param prob the probability of zeroing an element, in {@code [0, 1]} (PyTorch's {@code p}, default 0.5)
 */
public record DropoutConfig(double prob) implements Config {
    public DropoutConfig {
        if (!(prob >= 0 && prob <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + prob);
        }
    }

    public static DropoutConfig of(double prob) {
        return new DropoutConfig(prob);
    }

    /** The layer, drawing its masks from the global generator. */
    public Dropout init() {
        return new Dropout(this, Generator.global());
    }

    /** The layer, drawing its masks from {@code generator} (for reproducible training). */
    public Dropout init(Generator generator) {
        return new Dropout(this, generator);
    }
}
