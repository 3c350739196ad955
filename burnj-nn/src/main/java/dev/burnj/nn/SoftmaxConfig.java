package dev.burnj.nn;

/**
 * Configuration of a {@link Softmax}.
 *
 * @param dim the dim normalised over; negative counts from the end
 */
public record SoftmaxConfig(int dim) implements Config {
    public static SoftmaxConfig of(int dim) {
        return new SoftmaxConfig(dim);
    }

    public Softmax init() {
        return new Softmax(this);
    }
}
