package dev.burnj.tensor;

/**
 * Values selected by an op such as {@code topk}, {@code sort} or {@code maxDimWithIndices}, with their indices
 * along the reduced or sorted dimension. Closing closes both.
 */
public record ValuesAndIndices<T extends BaseTensor<T, ?, ?, ?>, I extends BaseTensor<I, ?, ?, ?>>(T values, I indices)
        implements AutoCloseable {
    @Override
    public void close() {
        values.close();
        indices.close();
    }
}
