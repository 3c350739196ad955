package dev.burnj.nn;

import dev.burnj.nn.init.Fans;
import dev.burnj.nn.init.FanMode;
import dev.burnj.nn.init.Initializer;
import dev.burnj.nn.init.Nonlinearity;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;

/**
 * PyTorch's default initialisation of linear and convolution layers, shared by all of them: the weight is
 * {@code kaiming_uniform(a = √5)}, which works out to {@code U(-1/√fan_in, 1/√fan_in)}, and the bias is
 * {@code U(-1/√fan_in, 1/√fan_in)}, with PyTorch's fan-in of the weight shape.
 */
final class DefaultInit {
    private static final Initializer WEIGHT = Initializer.kaimingUniform(FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, Math.sqrt(5));

    private DefaultInit() {}

    static <F extends FloatTensor<F, ?, ?>> Param<F> weight(Shape shape, Rank<F, ?, ?> rank, TensorOptions options) {
        return Param.of(WEIGHT.init(shape, rank, options));
    }

    /** The bias of a layer whose weight has {@code weightShape}, or null when the layer has none. */
    static Param<Tensor1> bias(boolean enabled, int size, Shape weightShape, TensorOptions options) {
        if (!enabled) {
            return null;
        }
        double bound = 1.0 / Math.sqrt(Fans.fanIn(weightShape));
        return Param.of(Initializer.uniform(-bound, bound).init(Shape.of(size), Rank.R1, options));
    }

    /** A tensor of {@code size} elements filled with {@code value} (norm scales and shifts, running statistics). */
    static Tensor1 filled(int size, double value, TensorOptions options) {
        return Initializer.constant(value).init(Shape.of(size), Rank.R1, options);
    }
}
