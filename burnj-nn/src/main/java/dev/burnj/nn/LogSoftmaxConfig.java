package dev.burnj.nn;

/**
 * Configuration of a {@link LogSoftmax}.
 *
 * @param dim the dim normalised over; negative counts from the end
 */
public record LogSoftmaxConfig(int dim) implements Config {
    public static LogSoftmaxConfig of(int dim) {
        return new LogSoftmaxConfig(dim);
    }

    public LogSoftmax init() {
        return new LogSoftmax(this);
    }
}
