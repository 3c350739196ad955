package dev.burnj.nn;

import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * One transformer encoder block (Vaswani et al.; PyTorch 1.13's {@code nn.TransformerEncoderLayer} with
 * {@code batch_first=True}): self-attention, then a position-wise feed-forward block
 * {@code linear2(dropout(activation(linear1(x))))}, each wrapped in a residual connection and a layer norm. Post-norm
 * (default) computes {@code x = norm1(x + sa(x)); x = norm2(x + ff(x))}; pre-norm ({@code normFirst}) computes
 * {@code x = x + sa(norm1(x)); x = x + ff(norm2(x))}, where {@code sa} ends with {@code dropout1} and {@code ff} with
 * {@code dropout2}. State names are PyTorch's: {@code self_attn.in_proj_weight}, {@code self_attn.in_proj_bias},
 * {@code self_attn.out_proj.weight/bias}, {@code linear1.weight/bias}, {@code linear2.weight/bias},
 * {@code norm1.weight/bias}, {@code norm2.weight/bias}.
 */
public final class TransformerEncoderLayer extends Module {
    private final TransformerEncoderLayerConfig config;
    // Declared in PyTorch's registration order, so that the state comes out in its state_dict order.
    private final MultiHeadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    TransformerEncoderLayer(TransformerEncoderLayerConfig config, TensorOptions options) {
        this.config = config;
        int e = config.dModel();
        // PyTorch passes the layer's dropout to the attention too, where it drops attention weights.
        this.selfAttn = MultiHeadAttentionConfig.of(e, config.numHeads()).withDropout(config.dropout()).init(options);
        this.linear1 = LinearConfig.of(e, config.dimFeedforward()).init(options);
        this.dropout = DropoutConfig.of(config.dropout()).init(options.generator());
        this.linear2 = LinearConfig.of(config.dimFeedforward(), e).init(options);
        LayerNormConfig norm = LayerNormConfig.of(e).withEps(config.layerNormEps());
        this.norm1 = norm.init(options);
        this.norm2 = norm.init(options);
        this.dropout1 = DropoutConfig.of(config.dropout()).init(options.generator());
        this.dropout2 = DropoutConfig.of(config.dropout()).init(options.generator());
    }

    public TransformerEncoderLayerConfig config() {
        return config;
    }

    public MultiHeadAttention selfAttn() {
        return selfAttn;
    }

    public Linear linear1() {
        return linear1;
    }

    public Linear linear2() {
        return linear2;
    }

    public LayerNorm norm1() {
        return norm1;
    }

    public LayerNorm norm2() {
        return norm2;
    }

    /** {@code src} {@code [B, L, dModel]} to {@code [B, L, dModel]}, every position attending to every other. */
    public Tensor3 forward(Tensor3 src) {
        return forward(src, null, null);
    }

    /**
     * The block with optional masks, true meaning "may not attend" (PyTorch's boolean masks): {@code srcMask}
     * {@code [L, L]} (e.g. {@link TransformerEncoder#causalMask}) and {@code srcKeyPaddingMask} {@code [B, L]}
     * (padding positions). A position whose keys are all masked gets NaN, as in PyTorch.
     */
    public Tensor3 forward(Tensor3 src, BoolTensor2 srcMask, BoolTensor2 srcKeyPaddingMask) {
        requireInputs("TransformerEncoderLayer", src, config.dModel(), srcMask, srcKeyPaddingMask);
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 x;
            if (config.normFirst()) {
                x = src.add(selfAttentionBlock(norm1.forward(src), srcMask, srcKeyPaddingMask));
                x = x.add(feedForwardBlock(norm2.forward(x)));
            } else {
                x = norm1.forward(src.add(selfAttentionBlock(src, srcMask, srcKeyPaddingMask)));
                x = norm2.forward(x.add(feedForwardBlock(x)));
            }
            return scope.keep(x);
        }
    }

    private Tensor3 selfAttentionBlock(Tensor3 x, BoolTensor2 srcMask, BoolTensor2 srcKeyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, srcMask, srcKeyPaddingMask));
    }

    private Tensor3 feedForwardBlock(Tensor3 x) {
        return dropout2.forward(linear2.forward(dropout.forward(config.activation().apply(linear1.forward(x)))));
    }

    /** Checks an encoder input and its masks, naming {@code layer} in the message. */
    static void requireInputs(String layer, Tensor3 src, int dModel, BoolTensor2 srcMask, BoolTensor2 srcKeyPaddingMask) {
        Channels.require(layer, src.shape(), -1, dModel, "features");
        int batch = src.dim(0);
        int length = src.dim(1);
        if (srcMask != null && (srcMask.dim(0) != length || srcMask.dim(1) != length)) {
            throw new IllegalArgumentException(layer + ": srcMask " + srcMask.shape() + " must be [" + length + ", " + length
                    + "] for input " + src.shape());
        }
        if (srcKeyPaddingMask != null && (srcKeyPaddingMask.dim(0) != batch || srcKeyPaddingMask.dim(1) != length)) {
            throw new IllegalArgumentException(layer + ": srcKeyPaddingMask " + srcKeyPaddingMask.shape() + " must be [" + batch + ", "
                    + length + "] for input " + src.shape());
        }
    }
}
