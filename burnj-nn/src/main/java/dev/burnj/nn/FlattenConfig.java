package dev.burnj.nn;

/**
 * Configuration of a {@link Flatten} layer.
 *
 * @param startDim first dim to merge (default 1, keeping the batch dim)
 * @param endDim last dim to merge, negative counting from the end (default -1)
 */
public record FlattenConfig(int startDim, int endDim) implements Config {
    /** PyTorch's default: everything but the batch dim. */
    public static FlattenConfig of() {
        return new FlattenConfig(1, -1);
    }

    public FlattenConfig withStartDim(int newStartDim) {
        return new FlattenConfig(newStartDim, endDim);
    }

    public FlattenConfig withEndDim(int newEndDim) {
        return new FlattenConfig(startDim, newEndDim);
    }

    /** The layer (it has no parameters, so no device). */
    public Flatten init() {
        return new Flatten(this);
    }
}
