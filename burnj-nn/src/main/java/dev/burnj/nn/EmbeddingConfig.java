package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of an {@link Embedding} table.
 *
 * @param numEmbeddings vocabulary size
 * @param embeddingDim size of each vector
 */
public record EmbeddingConfig(int numEmbeddings, int embeddingDim) implements Config {
    public EmbeddingConfig {
        Sizes.positive("Embedding", "numEmbeddings", numEmbeddings);
        Sizes.positive("Embedding", "embeddingDim", embeddingDim);
    }

    public static EmbeddingConfig of(int numEmbeddings, int embeddingDim) {
        return new EmbeddingConfig(numEmbeddings, embeddingDim);
    }

    public Embedding init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** A table initialised N(0, 1), as PyTorch, from the options' generator, in its dtype. */
    public Embedding init(TensorOptions options) {
        return new Embedding(this, options);
    }
}
