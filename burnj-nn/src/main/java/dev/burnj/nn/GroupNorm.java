package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Group normalisation (Wu and He; PyTorch's {@code nn.GroupNorm}): the channels of each sample are split into groups,
 * each group is normalised with its own mean and biased variance, then each channel is scaled and shifted. Independent
 * of the batch, so the same in training and eval mode.
 */
public final class GroupNorm extends Module {
    private final GroupNormConfig config;
    private final Param<Tensor1> weight;
    private final Param<Tensor1> bias;

    GroupNorm(GroupNormConfig config, TensorOptions options) {
        this.config = config;
        int c = config.numChannels();
        this.weight = config.affine() ? Param.of(DefaultInit.filled(c, 1, options)) : null;
        this.bias = config.affine() ? Param.of(DefaultInit.filled(c, 0, options)) : null;
    }

    public GroupNormConfig config() {
        return config;
    }

    /** The per-channel scale, or null when not affine. */
    public Param<Tensor1> weight() {
        return weight;
    }

    /** The per-channel shift, or null when not affine. */
    public Param<Tensor1> bias() {
        return bias;
    }

    /** Any rank of at least 2 with channels in dim 1: {@code [N, C]}, {@code [N, C, L]}, {@code [N, C, H, W]}. */
    public <F extends FloatTensor<F, ?, ?>> F forward(F input) {
        Channels.require("GroupNorm", input.shape(), 1, config.numChannels(), "channels");
        int n = input.dim(0);
        int groups = config.numGroups();
        try (TensorScope scope = TensorScope.open()) {
            // One row per (sample, group): the statistics are then reductions over the last dim.
            Tensor3 grouped = input.reshape(n, groups, (int) (input.numel() / ((long) n * groups)));
            Tensor3 centered = grouped.sub(grouped.meanDim(2));
            Tensor3 normalized = centered.mul(grouped.var(2, 0).add(config.eps()).rsqrt());
            F out = normalized.reshape(input.shape(), input.rankWitness());
            if (weight != null) {
                out = out.mul(Channels.along(weight.value(), 1, input.rankWitness())).add(Channels.along(bias.value(), 1, input.rankWitness()));
            }
            return scope.keep(out);
        }
    }
}
