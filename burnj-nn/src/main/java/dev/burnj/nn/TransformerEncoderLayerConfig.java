package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import java.util.Objects;

/**
 * Configuration of a {@link TransformerEncoderLayer} (PyTorch 1.13's {@code nn.TransformerEncoderLayer} with
 * {@code batch_first=True}).
 *
 * @param dModel model width {@code E}; must be divisible by {@code numHeads}
 * @param numHeads attention heads (PyTorch's {@code nhead})
 * @param dimFeedforward hidden width of the feed-forward block (default 2048)
 * @param dropout dropout probability on the attention weights, after the attention, after the activation and after
 *     the feed-forward block, in training mode (default 0.1)
 * @param activation the feed-forward activation (default {@link TransformerActivation#RELU})
 * @param layerNormEps eps of both layer norms (default 1e-5)
 * @param normFirst true for pre-norm (normalise before each block), false for post-norm (normalise after each
 *     residual sum, default; the original Transformer)
 */
public record TransformerEncoderLayerConfig(int dModel, int numHeads, int dimFeedforward, double dropout, TransformerActivation activation,
        double layerNormEps, boolean normFirst) implements Config {
    public TransformerEncoderLayerConfig {
        Sizes.positive("TransformerEncoderLayer", "dModel", dModel);
        Sizes.positive("TransformerEncoderLayer", "numHeads", numHeads);
        Sizes.positive("TransformerEncoderLayer", "dimFeedforward", dimFeedforward);
        if (dModel % numHeads != 0) {
            throw new IllegalArgumentException("TransformerEncoderLayer: dModel " + dModel + " must be divisible by numHeads " + numHeads);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: dropout must be in [0, 1], got " + dropout);
        }
        Objects.requireNonNull(activation, "TransformerEncoderLayer: activation");
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: layerNormEps must be > 0, got " + layerNormEps);
        }
    }

    public static TransformerEncoderLayerConfig of(int dModel, int numHeads) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, 2048, 0.1, TransformerActivation.RELU, 1e-5, false);
    }

    public TransformerEncoderLayerConfig withDimFeedforward(int newDimFeedforward) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, newDimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    public TransformerEncoderLayerConfig withDropout(double newDropout) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, dimFeedforward, newDropout, activation, layerNormEps, normFirst);
    }

    public TransformerEncoderLayerConfig withActivation(TransformerActivation newActivation) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, dimFeedforward, dropout, newActivation, layerNormEps, normFirst);
    }

    public TransformerEncoderLayerConfig withLayerNormEps(double newLayerNormEps) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, dimFeedforward, dropout, activation, newLayerNormEps, normFirst);
    }

    public TransformerEncoderLayerConfig withNormFirst(boolean newNormFirst) {
        return new TransformerEncoderLayerConfig(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, newNormFirst);
    }

    public TransformerEncoderLayer init(Device device) {
        return init(TensorOptions.on(device));
    }

    /**
     * PyTorch's initialisation: the attention as {@link MultiHeadAttentionConfig#init(TensorOptions)}, the linear layers
     * as {@link LinearConfig#init(TensorOptions)}, norms ones and zeros; random values and dropout masks come from the
     * options' generator.
     */
    public TransformerEncoderLayer init(TensorOptions options) {
        return new TransformerEncoderLayer(this, options);
    }
}
