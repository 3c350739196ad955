package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Huber loss with threshold {@code delta}, as PyTorch's {@code huber_loss}: {@code 0.5 d^2} for {@code |d| < delta},
 * else {@code delta (|d| - 0.5 delta)}, where {@code d = x - y}.
 */
public final class HuberLoss {
    private static final HuberLoss DEFAULT = new HuberLoss(1.0, Reduction.MEAN);

    private final double delta;
    private final Reduction reduction;

    private HuberLoss(double delta, Reduction reduction) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huberLoss: delta must be > 0, got " + delta);
        }
        this.delta = delta;
        this.reduction = reduction;
    }

    /** {@code delta = 1}, MEAN. */
    public static HuberLoss of() {
        return DEFAULT;
    }

    public HuberLoss withDelta(double newDelta) {
        return new HuberLoss(newDelta, reduction);
    }

    public HuberLoss withReduction(Reduction newReduction) {
        return new HuberLoss(delta, Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T input, T target) {
        LossTensors.sameShape("huberLoss", input, target);
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(huber(input.sub(target).abs(), delta));
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T input, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(input, target)));
        }
    }

    /**
     * Huber of {@code absDiff} without a branch: with {@code m = min(|d|, delta)} it is {@code 0.5 m^2 + delta (|d| - m)},
     * which is both pieces at once and has the right gradient on each side (clamp passes it only below delta).
     * Call inside a scope: the temporaries are left to it.
     */
    static <T extends FloatTensor<T, ?, ?>> T huber(T absDiff, double delta) {
        T m = absDiff.clampMax(delta);
        return m.mul(m).mul(0.5).add(absDiff.sub(m).mul(delta));
    }
}
