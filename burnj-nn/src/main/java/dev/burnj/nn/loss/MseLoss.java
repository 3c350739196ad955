package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Mean squared error {@code (x - y)^2}, as PyTorch's {@code mse_loss}. {@link #forward} reduces (NONE gives the
 * per-element losses flattened); {@link #elementwise} keeps the input's shape.
 */
public final class MseLoss {
    private static final MseLoss DEFAULT = new MseLoss(Reduction.MEAN);

    private final Reduction reduction;

    private MseLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** MEAN reduction. */
    public static MseLoss of() {
        return DEFAULT;
    }

    public MseLoss withReduction(Reduction newReduction) {
        return new MseLoss(Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T input, T target) {
        LossTensors.sameShape("mseLoss", input, target);
        try (T diff = input.sub(target)) {
            return diff.mul(diff);
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T input, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(input, target)));
        }
    }
}
