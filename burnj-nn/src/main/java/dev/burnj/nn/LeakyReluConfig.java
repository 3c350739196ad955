package dev.burnj.nn;

/**
 * Configuration of a {@link LeakyRelu}.
 *
 * @param negativeSlope the slope for negative inputs (default 0.01, as PyTorch)
 */
public record LeakyReluConfig(double negativeSlope) implements Config {
    public static LeakyReluConfig of() {
        return new LeakyReluConfig(0.01);
    }

    public LeakyReluConfig withNegativeSlope(double newNegativeSlope) {
        return new LeakyReluConfig(newNegativeSlope);
    }

    public LeakyRelu init() {
        return new LeakyRelu(this);
    }
}
