package dev.burnj.nn;

import dev.burnj.nn.init.Initializer;
import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Multi-head scaled dot-product attention (Vaswani et al.; PyTorch's {@code nn.MultiheadAttention} with
 * {@code batch_first=True}). Inputs are {@code [batch, length, embedDim]}. State matches PyTorch's names and layouts:
 * {@code in_proj_weight} {@code [3E, E]} (query, key and value projections stacked), {@code in_proj_bias} {@code [3E]},
 * {@code out_proj.weight} {@code [E, E]} and {@code out_proj.bias} {@code [E]}. Only the output is returned, not
 * the attention weights.
 */
public final class MultiHeadAttention extends Module {
    private final MultiHeadAttentionConfig config;
    private final Param<Tensor2> inProjWeight;
    private final Param<Tensor1> inProjBias;
    private final Linear outProj;
    private final Dropout attentionDropout;

    MultiHeadAttention(MultiHeadAttentionConfig config, TensorOptions options) {
        this.config = config;
        int e = config.embedDim();
        this.inProjWeight = Param.of(Initializer.xavierUniform(1).init(Shape.of(3 * e, e), Rank.R2, options));
        this.inProjBias = config.bias() ? Param.of(DefaultInit.filled(3 * e, 0, options)) : null;
        this.outProj = LinearConfig.of(e, e).withBias(config.bias()).init(options);
        if (outProj.bias() != null) {
            // PyTorch zeroes the output bias after the linear layer's default initialisation.
            outProj.bias().set(DefaultInit.filled(e, 0, options));
        }
        this.attentionDropout = DropoutConfig.of(config.dropout()).init(options.generator());
    }

    public MultiHeadAttentionConfig config() {
        return config;
    }

    public Param<Tensor2> inProjWeight() {
        return inProjWeight;
    }

    /** The stacked input biases, or null without biases. */
    public Param<Tensor1> inProjBias() {
        return inProjBias;
    }

    public Linear outProj() {
        return outProj;
    }

    /** Attention of {@code query} ({@code [B, Lq, E]}) over {@code key} and {@code value} ({@code [B, Lk, E]}). */
    public Tensor3 forward(Tensor3 query, Tensor3 key, Tensor3 value) {
        return forward(query, key, value, null, null);
    }

    /**
     * Attention with optional masks, true meaning "may not attend" as in PyTorch's boolean masks: {@code attnMask}
     * {@code [Lq, Lk]} (e.g. causal) and {@code keyPaddingMask} {@code [B, Lk]} (padding positions). A query whose keys
     * are all masked gets NaN, as in PyTorch.
     */
    public Tensor3 forward(Tensor3 query, Tensor3 key, Tensor3 value, BoolTensor2 attnMask, BoolTensor2 keyPaddingMask) {
        int e = config.embedDim();
        int batch = query.dim(0);
        int lq = query.dim(1);
        int lk = key.dim(1);
        for (Tensor3 t : new Tensor3[] {query, key, value}) {
            Channels.require("MultiHeadAttention", t.shape(), -1, e, "features");
        }
        if (key.dim(0) != batch || value.dim(0) != batch || value.dim(1) != lk) {
            throw new IllegalArgumentException("MultiHeadAttention: query " + query.shape() + ", key " + key.shape() + " and value "
                    + value.shape() + " must share the batch, and key and value the length");
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 q = heads(query, 0);
            Tensor4 k = heads(key, 1);
            Tensor4 v = heads(value, 2);
            Tensor4 scores = q.matmul(k.swapDims(2, 3)).mul(1 / Math.sqrt(e / config.numHeads()));
            if (attnMask != null) {
                requireMask("attnMask", attnMask, lq, lk);
                scores = scores.maskFill(attnMask.reshape(1, 1, lq, lk), Double.NEGATIVE_INFINITY);
            }
            if (keyPaddingMask != null) {
                requireMask("keyPaddingMask", keyPaddingMask, batch, lk);
                scores = scores.maskFill(keyPaddingMask.reshape(batch, 1, 1, lk), Double.NEGATIVE_INFINITY);
            }
            Tensor4 weights = attentionDropout.forward(scores.softmax(3));
            Tensor3 merged = weights.matmul(v).swapDims(1, 2).reshape(batch, lq, e);
            return scope.keep(outProj.forward(merged));
        }
    }

    /** Projection {@code part} (0 query, 1 key, 2 value) of {@code input}, split into heads: {@code [B, H, L, E/H]}. */
    private Tensor4 heads(Tensor3 input, int part) {
        int e = config.embedDim();
        int h = config.numHeads();
        Tensor2 rows = input.reshape(input.dim(0) * input.dim(1), e);
        Tensor2 projected = rows.matmul(inProjWeight.value().narrow(0, part * e, e).transpose());
        if (inProjBias != null) {
            projected = projected.add(inProjBias.value().narrow(0, part * e, e).unsqueeze(0));
        }
        return projected.reshape(input.dim(0), input.dim(1), h, e / h).swapDims(1, 2);
    }

    private static void requireMask(String name, BoolTensor2 mask, int rows, int cols) {
        if (mask.dim(0) != rows || mask.dim(1) != cols) {
            throw new IllegalArgumentException("MultiHeadAttention: " + name + " " + mask.shape() + " must be [" + rows + ", " + cols + "]");
        }
    }
}
