package dev.burnj.nn;

import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of {@link TransformerEncoderLayer}s, optionally followed by a layer norm (PyTorch 1.13's
 * {@code nn.TransformerEncoder} with {@code batch_first=True} layers). State names are PyTorch's:
 * {@code layers.0.self_attn.in_proj_weight} ... {@code layers.{n-1}.norm2.bias}, then {@code norm.weight} and
 * {@code norm.bias} with a final norm.
 */
public final class TransformerEncoder extends Module {
    private final TransformerEncoderConfig config;
    private final List<TransformerEncoderLayer> layers;
    private final LayerNorm norm;

    TransformerEncoder(TransformerEncoderConfig config, TensorOptions options) {
        this.config = config;
        List<TransformerEncoderLayer> stack = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            stack.add(config.layer().init(options));
        }
        this.layers = List.copyOf(stack);
        this.norm = config.norm() == null ? null : config.norm().init(options);
    }

    public TransformerEncoderConfig config() {
        return config;
    }

    /** The layers, in order (unmodifiable). */
    public List<TransformerEncoderLayer> layers() {
        return layers;
    }

    /** The final norm, or null without one. */
    public LayerNorm norm() {
        return norm;
    }

    /** {@code src} {@code [B, L, dModel]} through every layer, then the final norm. */
    public Tensor3 forward(Tensor3 src) {
        return forward(src, null, null);
    }

    /** As {@link TransformerEncoderLayer#forward(Tensor3, BoolTensor2, BoolTensor2)}, the same masks for every layer. */
    public Tensor3 forward(Tensor3 src, BoolTensor2 srcMask, BoolTensor2 srcKeyPaddingMask) {
        TransformerEncoderLayer.requireInputs("TransformerEncoder", src, config.layer().dModel(), srcMask, srcKeyPaddingMask);
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 x = src;
            for (TransformerEncoderLayer layer : layers) {
                x = layer.forward(x, srcMask, srcKeyPaddingMask);
            }
            if (norm != null) {
                x = norm.forward(x);
            }
            return scope.keep(x);
        }
    }

    /**
     * A causal mask {@code [length, length]}, true above the diagonal: position {@code i} may attend only to positions
     * {@code j <= i}. The boolean form of PyTorch's {@code generate_square_subsequent_mask}, which marks the same
     * entries with {@code -inf}.
     */
    public static BoolTensor2 causalMask(int length, Device device) {
        Sizes.positive("TransformerEncoder.causalMask", "length", length);
        boolean[][] mask = new boolean[length][length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                mask[i][j] = true;
            }
        }
        return BoolTensor2.of(mask, TensorOptions.on(device));
    }
}
