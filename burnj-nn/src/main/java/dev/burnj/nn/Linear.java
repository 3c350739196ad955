package dev.burnj.nn;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * A fully connected layer, {@code y = x Wᵀ + b} (PyTorch's {@code nn.Linear}): {@code weight} is {@code [out, in]} and
 * {@code bias} {@code [out]}, as in a PyTorch state dict.
 */
public final class Linear extends Module {
    private final LinearConfig config;
    private final Param<Tensor2> weight;
    private final Param<Tensor1> bias;

    Linear(LinearConfig config, TensorOptions options) {
        this.config = config;
        Shape shape = Shape.of(config.outFeatures(), config.inFeatures());
        this.weight = DefaultInit.weight(shape, Rank.R2, options);
        this.bias = DefaultInit.bias(config.bias(), config.outFeatures(), shape, options);
    }

    public LinearConfig config() {
        return config;
    }

    public Param<Tensor2> weight() {
        return weight;
    }

    /** The bias, or null when the layer was configured without one. */
    public Param<Tensor1> bias() {
        return bias;
    }

    /** {@code [batch, in]} to {@code [batch, out]}. */
    public Tensor2 forward(Tensor2 input) {
        Channels.require("Linear", input.shape(), -1, config.inFeatures(), "features");
        return Functional.linear(input, weight.value(), bias == null ? null : bias.value());
    }

    /** {@code [batch, seq, in]} to {@code [batch, seq, out]}, applying the layer to every position. */
    public Tensor3 forward(Tensor3 input) {
        Channels.require("Linear", input.shape(), -1, config.inFeatures(), "features");
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 rows = forward(input.reshape(input.dim(0) * input.dim(1), input.dim(2)));
            return scope.keep(rows.reshape(input.dim(0), input.dim(1), config.outFeatures()));
        }
    }
}
