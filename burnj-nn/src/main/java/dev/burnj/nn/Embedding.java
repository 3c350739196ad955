package dev.burnj.nn;

import dev.burnj.nn.init.Initializer;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.IntTensor2;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;

/**
 * A lookup table of learned vectors (PyTorch's {@code nn.Embedding}, without {@code padding_idx} or {@code max_norm}):
 * {@code weight} is {@code [numEmbeddings, embeddingDim]}; gradients reach only the rows that were looked up.
 */
public final class Embedding extends Module {
    private final EmbeddingConfig config;
    private final Param<Tensor2> weight;

    Embedding(EmbeddingConfig config, TensorOptions options) {
        this.config = config;
        Shape shape = Shape.of(config.numEmbeddings(), config.embeddingDim());
        this.weight = Param.of(Initializer.normal(0, 1).init(shape, Rank.R2, options));
    }

    public EmbeddingConfig config() {
        return config;
    }

    public Param<Tensor2> weight() {
        return weight;
    }

    /** Indices {@code [batch, seq]} in {@code [0, numEmbeddings)} to vectors {@code [batch, seq, embeddingDim]}. */
    public Tensor3 forward(IntTensor2 indices) {
        return Functional.embedding(weight.value(), indices);
    }
}
