package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Layer normalisation over the last dim (Ba et al.; PyTorch's {@code nn.LayerNorm} with a single normalized dim):
 * each row is shifted to mean 0 and scaled by {@code 1/sqrt(var + eps)} with the biased variance, then scaled by
 * {@code weight} and shifted by {@code bias}. The same in training and eval mode.
 */
public final class LayerNorm extends Module {
    private final LayerNormConfig config;
    private final Param<Tensor1> weight;
    private final Param<Tensor1> bias;

    LayerNorm(LayerNormConfig config, TensorOptions options) {
        this.config = config;
        int d = config.normalizedShape();
        this.weight = config.elementwiseAffine() ? Param.of(DefaultInit.filled(d, 1, options)) : null;
        this.bias = config.elementwiseAffine() ? Param.of(DefaultInit.filled(d, 0, options)) : null;
    }

    public LayerNormConfig config() {
        return config;
    }

    /** The scale, or null without an affine transform. */
    public Param<Tensor1> weight() {
        return weight;
    }

    /** The shift, or null without an affine transform. */
    public Param<Tensor1> bias() {
        return bias;
    }

    /** Applies the layer to a tensor of any rank. */
    public <F extends FloatTensor<F, ?, ?>> F forward(F input) {
        Channels.require("LayerNorm", input.shape(), -1, config.normalizedShape(), "features");
        int last = input.rank() - 1;
        try (TensorScope scope = TensorScope.open()) {
            F centered = input.sub(input.meanDim(last));
            F out = centered.mul(input.var(last, 0).add(config.eps()).rsqrt());
            if (weight != null) {
                out = out.mul(Channels.along(weight.value(), last, input.rankWitness())).add(Channels.along(bias.value(), last, input.rankWitness()));
            }
            return scope.keep(out);
        }
    }
}
