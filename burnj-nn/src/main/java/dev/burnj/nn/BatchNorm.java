package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Batch normalisation over the channel dim 1 (Ioffe and Szegedy; PyTorch's {@code nn.BatchNorm*d}). In training mode
 * each channel is normalised with the batch's mean and biased variance, and the running statistics move towards the
 * batch's mean and <em>unbiased</em> variance by {@code momentum}; in eval mode the running statistics are used and
 * nothing is written. State names match PyTorch: {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked}.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    private final BatchNormConfig config;
    private final Param<Tensor1> weight;
    private final Param<Tensor1> bias;
    private final Buffer<Tensor1> runningMean;
    private final Buffer<Tensor1> runningVar;
    private final Buffer<Tensor1> numBatchesTracked;

    BatchNorm(BatchNormConfig config, TensorOptions options) {
        this.config = config;
        int c = config.numFeatures();
        this.weight = config.affine() ? Param.of(DefaultInit.filled(c, 1, options)) : null;
        this.bias = config.affine() ? Param.of(DefaultInit.filled(c, 0, options)) : null;
        this.runningMean = Buffer.of(DefaultInit.filled(c, 0, options));
        this.runningVar = Buffer.of(DefaultInit.filled(c, 1, options));
        this.numBatchesTracked = Buffer.counter(DefaultInit.filled(1, 0, options));
    }

    public BatchNormConfig config() {
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

    public Buffer<Tensor1> runningMean() {
        return runningMean;
    }

    public Buffer<Tensor1> runningVar() {
        return runningVar;
    }

    /**
     * The number of training batches seen, as a one-element float tensor; saved as PyTorch's int64 scalar (see
     * {@link Buffer#counter}).
     */
    public Buffer<Tensor1> numBatchesTracked() {
        return numBatchesTracked;
    }

    /** Normalises {@code input} of any rank with channels in dim 1. */
    final <F extends FloatTensor<F, ?, ?>> F normalize(F input, Rank<F, ?, ?> rank) {
        String layer = getClass().getSimpleName();
        Channels.require(layer, input.shape(), 1, config.numFeatures(), "channels");
        try (TensorScope scope = TensorScope.open()) {
            F centered;
            F variance;
            if (isTraining()) {
                long count = input.numel() / config.numFeatures();
                if (count < 2) {
                    throw new IllegalArgumentException(layer + ": input " + input.shape()
                            + " has one value per channel; training mode needs more to estimate a variance");
                }
                F mean = meanOverAllButChannels(input);
                centered = input.sub(mean);
                variance = meanOverAllButChannels(centered.mul(centered));
                updateRunningStats(mean, variance, count);
            } else {
                centered = input.sub(Channels.along(runningMean.value(), 1, rank));
                variance = Channels.along(runningVar.value(), 1, rank);
            }
            F out = centered.mul(variance.add(config.eps()).rsqrt());
            if (weight != null) {
                out = out.mul(Channels.along(weight.value(), 1, rank)).add(Channels.along(bias.value(), 1, rank));
            }
            return scope.keep(out);
        }
    }

    private static <F extends FloatTensor<F, ?, ?>> F meanOverAllButChannels(F x) {
        F out = x;
        for (int d = 0; d < x.rank(); d++) {
            if (d != 1) {
                out = out.meanDim(d);
            }
        }
        return out;
    }

    private void updateRunningStats(FloatTensor<?, ?, ?> mean, FloatTensor<?, ?, ?> biasedVariance, long count) {
        double m = config.momentum();
        int c = config.numFeatures();
        // Statistics are not part of the model's function of its parameters, so no graph is recorded for them.
        try (NoGrad noGrad = NoGrad.enter()) {
            Tensor1 unbiased = biasedVariance.reshape(c).mul(count / (count - 1.0));
            runningMean.set(runningMean.value().mul(1 - m).add(mean.reshape(c).mul(m)));
            runningVar.set(runningVar.value().mul(1 - m).add(unbiased.mul(m)));
            numBatchesTracked.set(numBatchesTracked.value().add(1));
        }
    }
}
