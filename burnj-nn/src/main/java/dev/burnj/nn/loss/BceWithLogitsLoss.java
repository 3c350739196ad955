package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Binary cross-entropy on logits, as PyTorch's {@code binary_cross_entropy_with_logits}, in the stable form
 * {@code (1 - y) x + (1 + (pw - 1) y) (log1p(exp(-|x|)) + max(-x, 0))}, which never overflows. {@code pos_weight}
 * ({@link #withPosWeight}) holds one weight per entry of the last dimension (per class), broadcast as in PyTorch.
 */
public final class BceWithLogitsLoss {
    private static final BceWithLogitsLoss DEFAULT = new BceWithLogitsLoss(null, Reduction.MEAN);

    private final double[] posWeight;
    private final Reduction reduction;

    private BceWithLogitsLoss(double[] posWeight, Reduction reduction) {
        this.posWeight = posWeight;
        this.reduction = reduction;
    }

    /** No positive weight, MEAN. */
    public static BceWithLogitsLoss of() {
        return DEFAULT;
    }

    /** Weights of the positive term, one per entry of the input's last dimension. */
    public BceWithLogitsLoss withPosWeight(double... weights) {
        return new BceWithLogitsLoss(weights.clone(), reduction);
    }

    public BceWithLogitsLoss withReduction(Reduction newReduction) {
        return new BceWithLogitsLoss(posWeight, Objects.requireNonNull(newReduction));
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T logits, T target) {
        LossTensors.sameShape("bceWithLogitsLoss", logits, target);
        try (TensorScope scope = TensorScope.open()) {
            T zero = LossTensors.scalar(0.0, logits);
            // maximum splits ties half and half, so at x = 0 the gradient is sigmoid(0) - y exactly; relu/abs would
            // each give 0 there and lose the -1/2
            T absX = logits.maximum(logits.neg());
            T softplusNegX = absX.neg().exp().log1p().add(logits.neg().maximum(zero));
            T positive = posWeight == null
                    ? softplusNegX
                    : softplusNegX.mul(target.mul(LossTensors.alongLastDim("bceWithLogitsLoss", posWeight, logits).sub(1.0)).add(1.0));
            return scope.keep(target.rsub(1.0).mul(logits).add(positive));
        }
    }

    /** The per-element losses scaled by {@code weight} (same rank, broadcast against the input). */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T logits, T target, T weight) {
        try (T loss = elementwise(logits, target)) {
            return loss.mul(weight);
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T logits, T target) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(logits, target)));
        }
    }

    /** The reduced loss with per-element weights (broadcast against the input). */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T logits, T target, T weight) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(reduction.apply(elementwise(logits, target, weight)));
        }
    }
}
