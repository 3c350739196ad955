package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Kullback-Leibler divergence with log-probability input, as PyTorch's {@code kl_div}: {@code y (log y - x)} with
 * {@code 0} where {@code y = 0} (never {@code log 0}), or {@code exp(y) (y - x)} with {@link #withLogTarget}. Besides
 * the usual reductions, {@link #withBatchMean} divides the sum by the size of dimension 0 (PyTorch's
 * {@code 'batchmean'}, the mathematically correct KL).
 */
public final class KlDivLoss {
    private static final KlDivLoss DEFAULT = new KlDivLoss(Reduction.MEAN, false, false);

    private final Reduction reduction;
    private final boolean logTarget;
    private final boolean batchMean;

    private KlDivLoss(Reduction reduction, boolean logTarget, boolean batchMean) {
        this.reduction = reduction;
        this.logTarget = logTarget;
        this.batchMean = batchMean;
    }

    /** MEAN over all elements (PyTorch's default), probability targets. */
    public static KlDivLoss of() {
        return DEFAULT;
    }

    public KlDivLoss withReduction(Reduction newReduction) {
        return new KlDivLoss(Objects.requireNonNull(newReduction), logTarget, false);
    }

    /** Reduces by the sum divided by the batch size (dimension 0), replacing the reduction. */
    public KlDivLoss withBatchMean() {
        return new KlDivLoss(Reduction.SUM, logTarget, true);
    }

    /** Whether the target is given as log-probabilities. */
    public KlDivLoss withLogTarget(boolean newLogTarget) {
        return new KlDivLoss(reduction, newLogTarget, batchMean);
    }

    /** The per-element losses, shaped as the input. */
    public <T extends FloatTensor<T, ?, ?>> T elementwise(T logInput, T target) {
        LossTensors.sameShape("klDivLoss", logInput, target);
        try (TensorScope scope = TensorScope.open()) {
            if (logTarget) {
                return scope.keep(target.exp().mul(target.sub(logInput)));
            }
            // y log y taken as 0 at y = 0 (xlogy), by logging 1 there; negative y still gives NaN, as in PyTorch
            T yLogY = LossTensors.onFlat(target, y -> y.mul(y.maskFill(y.equal(0.0), 1.0).log()));
            return scope.keep(yLogY.sub(target.mul(logInput)));
        }
    }

    /** The reduced loss. */
    public <T extends FloatTensor<T, ?, ?>> Tensor1 forward(T logInput, T target) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 reduced = reduction.apply(elementwise(logInput, target));
            return scope.keep(batchMean ? reduced.div(logInput.shape().dim(0)) : reduced);
        }
    }
}
