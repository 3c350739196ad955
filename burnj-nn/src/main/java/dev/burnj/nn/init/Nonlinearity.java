package dev.burnj.nn.init;

/**
 * The activation that follows a layer, for the recommended initialisation gain (PyTorch's {@code calculate_gain}).
 */
public enum Nonlinearity {
    LINEAR,
    RELU,
    LEAKY_RELU,
    TANH,
    SIGMOID;

    /** PyTorch's default negative slope of {@code leaky_relu} when none is given. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /** The gain; {@code negativeSlope} is used by {@link #LEAKY_RELU} only. */
    public double gain(double negativeSlope) {
        return switch (this) {
            case LINEAR, SIGMOID -> 1.0;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope));
            case TANH -> 5.0 / 3.0;
        };
    }

    /** The gain with PyTorch's default parameter ({@link #DEFAULT_NEGATIVE_SLOPE} for leaky ReLU). */
    public double gain() {
        return gain(DEFAULT_NEGATIVE_SLOPE);
    }
}
