package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Smooth L1 loss with threshold {@code beta}, as PyTorch's {@code smooth_l1_loss}: {@code 0.5 d^2 / beta} for
 * {@code |d| < beta}, else {@code |d| - 0.5 beta}; that is Huber with {@code delta = beta} divided by beta, and plain
 * L1 for {@code beta = 0}.
 */
public final class SmoothL1Loss {
    private static final SmoothL1Loss DEFAULT = new SmoothL1Loss(1.0, Reduction.MEAN);

    private final double beta;
    private final Reduction reduction;

    private SmoothL1Loss(double beta, Reduction reduction) {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smoothL1Loss: beta must be >= 0, got " + beta);
        }
        this.beta = beta;
        this.reduction = reduction;
    }

    /** {@code beta = 1}, MEAN. */
    public static SmoothL1Loss of() {
        return DEFAULT;
    }

    public SmoothL1Loss withBeta(double newBeta) {
        return new SmoothL1Loss(newBeta, reduction);
    }

    public SmoothL1Loss withReduction(Reduction newReduction) {
        return new SmoothL1Loss(beta, Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T input, T target) {
        LossTensors.sameShape("smoothL1Loss", input, target);
        try (TensorScope scope = TensorScope.open()) {
            T absDiff = input.sub(target).abs();
            return scope.keep(beta == 0 ? absDiff : HuberLoss.huber(absDiff, beta).div(beta));
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T input, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(input, target)));
        }
    }
}
