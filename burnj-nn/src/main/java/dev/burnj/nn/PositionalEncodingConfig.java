package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link PositionalEncoding}.
 *
 * @param dModel model width {@code E} (any size; an odd last column gets a sine only)
 * @param maxLength the longest sequence the table covers (default 5000)
 * @param dropout dropout probability applied after adding the encoding, in training mode (default 0.1)
 */
public record PositionalEncodingConfig(int dModel, int maxLength, double dropout) implements Config {
    public PositionalEncodingConfig {
        Sizes.positive("PositionalEncoding", "dModel", dModel);
        Sizes.positive("PositionalEncoding", "maxLength", maxLength);
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("PositionalEncoding: dropout must be in [0, 1], got " + dropout);
        }
    }

    public static PositionalEncodingConfig of(int dModel) {
        return new PositionalEncodingConfig(dModel, 5000, 0.1);
    }

    public PositionalEncodingConfig withMaxLength(int newMaxLength) {
        return new PositionalEncodingConfig(dModel, newMaxLength, dropout);
    }

    public PositionalEncodingConfig withDropout(double newDropout) {
        return new PositionalEncodingConfig(dModel, maxLength, newDropout);
    }

    public PositionalEncoding init(Device device) {
        return init(TensorOptions.on(device));
    }

    /** The table computed in the options' dtype on their device; dropout masks come from the options' generator. */
    public PositionalEncoding init(TensorOptions options) {
        return new PositionalEncoding(this, options);
    }
}
