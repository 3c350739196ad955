package dev.burnj.nn;

import dev.burnj.backend.ConvOptions;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import java.util.List;

/**
 * The state shared by {@link Conv1d} and {@link Conv2d}: a {@code weight} of {@code [out, in/groups, kernel...]} and
 * an optional {@code bias} of {@code [out]} with PyTorch's default initialisation, and the options of the
 * convolution. Subclasses add their config and a forward method of their rank.
 *
 * @param <T> the tensor class of the weight and of the layer's input and output
 */
public abstract sealed class Convolution<T extends FloatTensor<T, ?, ?>> extends Module permits Conv1d, Conv2d {
    private final int inChannels;
    private final ConvOptions options;
    private final Param<T> weight;
    private final Param<Tensor1> bias;

    Convolution(int inChannels, int outChannels, int groups, List<Integer> kernelSize, ConvOptions options, boolean hasBias,
            Rank<T, ?, ?> rank, TensorOptions tensorOptions) {
        this.inChannels = inChannels;
        this.options = options;
        Shape shape = Shape.of(Sizes.weightDims(outChannels, inChannels / groups, kernelSize));
        this.weight = DefaultInit.weight(shape, rank, tensorOptions);
        this.bias = DefaultInit.bias(hasBias, outChannels, shape, tensorOptions);
    }

    public final Param<T> weight() {
        return weight;
    }

    /** The bias, or null when the layer was configured without one. */
    public final Param<Tensor1> bias() {
        return bias;
    }

    final ConvOptions options() {
        return options;
    }

    /** The bias tensor for the functional op, or null. */
    final Tensor1 biasOrNull() {
        return bias == null ? null : bias.value();
    }

    /** Fails naming the layer unless {@code input} has the configured channel count in dim 1. */
    final void checkChannels(T input) {
        Channels.require(getClass().getSimpleName(), input.shape(), 1, inChannels, "channels");
    }
}
