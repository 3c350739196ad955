package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link MultiHeadAttention} layer (PyTorch's {@code nn.MultiheadAttention} with
 * {@code batch_first=True} and equal query, key and value sizes).
 *
 * @param embedDim model width {@code E}; must be divisible by {@code numHeads}
 * @param numHeads parallel attention heads
 * @param dropout dropout probability on the attention weights in training mode (default 0)
 * @param bias whether the input and output projections have biases (default true)
 */
public record MultiHeadAttentionConfig(int embedDim, int numHeads, double dropout, boolean bias) implements Config {
    public MultiHeadAttentionConfig {
        Sizes.positive("MultiHeadAttention", "embedDim", embedDim);
        Sizes.positive("MultiHeadAttention", "numHeads", numHeads);
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: embedDim " + embedDim + " must be divisible by numHeads " + numHeads);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1], got " + dropout);
        }
    }

    public static MultiHeadAttentionConfig of(int embedDim, int numHeads) {
        return new MultiHeadAttentionConfig(embedDim, numHeads, 0, true);
    }

    public MultiHeadAttentionConfig withDropout(double newDropout) {
        return new MultiHeadAttentionConfig(embedDim, numHeads, newDropout, bias);
    }

    public MultiHeadAttentionConfig withBias(boolean newBias) {
        return new MultiHeadAttentionConfig(embedDim, numHeads, dropout, newBias);
    }

    public MultiHeadAttention init(Device device) {
        return init(TensorOptions.on(device));
    }

    /**
     * PyTorch's initialisation: {@code in_proj_weight} Xavier-uniform, biases zero, {@code out_proj.weight} as a
     * default linear layer; random values and attention dropout masks come from the options' generator.
     */
    public MultiHeadAttention init(TensorOptions options) {
        return new MultiHeadAttention(this, options);
    }
}
