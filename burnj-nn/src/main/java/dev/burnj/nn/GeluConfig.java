package dev.burnj.nn;

/**
 * Configuration of a {@link Gelu}.
 *
 * @param tanhApproximation whether to use the tanh approximation (PyTorch's {@code approximate='tanh'}); default
 *     false, the exact erf form
 */
public record GeluConfig(boolean tanhApproximation) implements Config {
    /** The exact form. */
    public static GeluConfig of() {
        return new GeluConfig(false);
    }

    public GeluConfig withTanhApproximation(boolean newTanhApproximation) {
        return new GeluConfig(newTanhApproximation);
    }

    public Gelu init() {
        return new Gelu(this);
    }
}
