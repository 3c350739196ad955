package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/** Mean absolute error {@code |x - y|}, as PyTorch's {@code l1_loss} (gradient 0 where {@code x == y}). */
public final class L1Loss {
    private static final L1Loss DEFAULT = new L1Loss(Reduction.MEAN);

    private final Reduction reduction;

    private L1Loss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** MEAN reduction. */
    public static L1Loss of() {
        return DEFAULT;
    }

    public L1Loss withReduction(Reduction newReduction) {
        return new L1Loss(Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T input, T target) {
        LossTensors.sameShape("l1Loss", input, target);
        try (T diff = input.sub(target)) {
            return diff.abs();
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T input, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(input, target)));
        }
    }
}
