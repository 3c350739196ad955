package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import java.util.Objects;

/**
 * Configuration of a {@link TransformerEncoder}: {@code numLayers} layers of one configuration and an optional final
 * layer norm (PyTorch's {@code nn.TransformerEncoder(encoder_layer, num_layers, norm)}).
 *
 * @param layer the configuration of every layer
 * @param numLayers how many layers are stacked
 * @param norm the final layer norm over {@code dModel}, or null for none (default)
 */
public record TransformerEncoderConfig(TransformerEncoderLayerConfig layer, int numLayers, LayerNormConfig norm) implements Config {
    public TransformerEncoderConfig {
        Objects.requireNonNull(layer, "TransformerEncoder: layer");
        Sizes.positive("TransformerEncoder", "numLayers", numLayers);
        if (norm != null && norm.normalizedShape() != layer.dModel()) {
            throw new IllegalArgumentException("TransformerEncoder: the final norm normalises " + norm.normalizedShape()
                    + " features, expected dModel " + layer.dModel());
        }
    }

    public static TransformerEncoderConfig of(TransformerEncoderLayerConfig layer, int numLayers) {
        return new TransformerEncoderConfig(layer, numLayers, null);
    }

    /** With a final norm ({@code null} for none); {@code LayerNormConfig.of(dModel)} is the usual choice for pre-norm layers. */
    public TransformerEncoderConfig withNorm(LayerNormConfig newNorm) {
        return new TransformerEncoderConfig(layer, numLayers, newNorm);
    }

    public TransformerEncoder init(Device device) {
        return init(TensorOptions.on(device));
    }

    /**
     * Every layer initialised independently from the options' generator (PyTorch deep-copies one layer, so its layers
     * start identical; Burn's, like these, do not).
     */
    public TransformerEncoder init(TensorOptions options) {
        return new TransformerEncoder(this, options);
    }
}
