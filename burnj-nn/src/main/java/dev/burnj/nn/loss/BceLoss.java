package dev.burnj.nn.loss;

import dev.burnj.tensor.BoolTensor1;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Binary cross-entropy of probabilities, as PyTorch's {@code binary_cross_entropy}:
 * {@code -w (y log p + (1 - y) log(1 - p))} with each log clamped at -100, so {@code p = 0} or {@code 1} gives a
 * finite loss. The log is never taken of 0 (such entries are replaced before the log), so no NaN reaches the
 * gradient; where the clamp is active the gradient is 0 (PyTorch's hand-written backward instead divides by
 * {@code max(p (1 - p), 1e-12)}). Probabilities outside {@code [0, 1]} are rejected, as PyTorch does.
 */
public final class BceLoss {
    private static final BceLoss DEFAULT = new BceLoss(Reduction.MEAN);
    private static final double LOG_FLOOR = -100;

    private final Reduction reduction;

    private BceLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** MEAN reduction. */
    public static BceLoss of() {
        return DEFAULT;
    }

    public BceLoss withReduction(Reduction newReduction) {
        return new BceLoss(Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T probs, T target) {
        LossTensors.sameShape("bceLoss", probs, target);
        try (Tensor1 lo = probs.min(); Tensor1 hi = probs.max()) {
            if (lo.item() < 0 || hi.item() > 1) {
                throw new IllegalArgumentException("bceLoss: input values must be in [0, 1], found range [" + lo.item() + ", " + hi.item()
                        + "]; use BceWithLogitsLoss for logits");
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            T logP = clampedLog(probs);
            T log1mP = clampedLog(probs.rsub(1.0));
            T loss = target.mul(logP).add(target.rsub(1.0).mul(log1mP)).neg();
            return scope.keep(loss);
        }
    }

    /** The per-element losses scaled by {@code weight} (same rank, broadcast against the input). */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T probs, T target, T weight) {
        try (T loss = elementwise(probs, target)) {
            return loss.mul(weight);
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T probs, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(probs, target)));
        }
    }

    /** The reduced loss with per-element weights (broadcast against the input). */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T probs, T target, T weight) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(probs, target, weight)));
        }
    }

    /** {@code max(log x, -100)} for {@code x >= 0}, computed without evaluating {@code log(0)}. */
    private static <T extends FloatTensor<T, ?, ?>> T clampedLog(T x) {
        return LossTensors.onFlat(x, flat -> {
            BoolTensor1 zero = flat.lessEqual(0.0);
            return flat.maskFill(zero, 1.0).log().maskFill(zero, LOG_FLOOR).clampMin(LOG_FLOOR);
        });
    }
}
