package dev.burnj.nn;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Root-mean-square normalisation over the last dim (Zhang and Sennrich; PyTorch's {@code nn.RMSNorm}):
 * {@code x / sqrt(mean(x²) + eps) · weight}, with no centering and no shift.
 */
public final class RmsNorm extends Module {
    private final RmsNormConfig config;
    private final Param<Tensor1> weight;

    RmsNorm(RmsNormConfig config, TensorOptions options) {
        this.config = config;
        this.weight = config.elementwiseAffine() ? Param.of(DefaultInit.filled(config.normalizedShape(), 1, options)) : null;
    }

    public RmsNormConfig config() {
        return config;
    }

    /** The scale, or null without an affine transform. */
    public Param<Tensor1> weight() {
        return weight;
    }

    /** Applies the layer to a tensor of any rank. */
    public <F extends FloatTensor<F, ?, ?>> F forward(F input) {
        Channels.require("RmsNorm", input.shape(), -1, config.normalizedShape(), "features");
        int last = input.rank() - 1;
        double eps = config.eps() != null ? config.eps() : machineEpsilon(input.dtype());
        try (TensorScope scope = TensorScope.open()) {
            F out = input.mul(input.mul(input).meanDim(last).add(eps).rsqrt());
            if (weight != null) {
                out = out.mul(Channels.along(weight.value(), last, input.rankWitness()));
            }
            return scope.keep(out);
        }
    }

    /** PyTorch's {@code torch.finfo(dtype).eps}: the gap between 1 and the next representable value. */
    private static double machineEpsilon(DType dtype) {
        return switch (dtype) {
            case F64 -> Math.ulp(1.0);
            case F16 -> Math.pow(2, -10);
            case BF16 -> Math.pow(2, -7);
            default -> Math.ulp(1.0f);
        };
    }
}
