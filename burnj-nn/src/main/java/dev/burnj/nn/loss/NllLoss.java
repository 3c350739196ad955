package dev.burnj.nn.loss;

import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Negative log-likelihood of class indices given log-probabilities {@code [N, C]}: {@code -w[y_i] * x[i, y_i]}, as
 * PyTorch's {@code nll_loss}. Samples whose target equals the ignore index contribute nothing, and MEAN divides by
 * the summed weights of the others (NaN when all are ignored, as PyTorch). Immutable:
 * {@code NllLoss.of().withWeights(1, 2, 1).withIgnoreIndex(-1)}.
 */
public final class NllLoss {
    private static final NllLoss DEFAULT = new NllLoss(null, -100, Reduction.MEAN);

    private final double[] weights;
    private final long ignoreIndex;
    private final Reduction reduction;

    private NllLoss(double[] weights, long ignoreIndex, Reduction reduction) {
        this.weights = weights;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** No class weights, ignore index -100, MEAN (PyTorch's defaults). */
    public static NllLoss of() {
        return DEFAULT;
    }

    /** One weight per class. */
    public NllLoss withWeights(double... classWeights) {
        return new NllLoss(classWeights.clone(), ignoreIndex, reduction);
    }

    /** The target value whose samples are skipped. */
    public NllLoss withIgnoreIndex(long index) {
        return new NllLoss(weights, index, reduction);
    }

    public NllLoss withReduction(Reduction newReduction) {
        return new NllLoss(weights, ignoreIndex, Objects.requireNonNull(newReduction));
    }

    /** The loss of log-probabilities {@code [N, C]} against class indices {@code [N]}. */
    public Tensor1 forward(Tensor2 logProbs, IntTensor1 target) {
        try (TensorScope scope = TensorScope.open()) {
            ClassTargets targets = ClassTargets.of("nllLoss", logProbs, target, weights, ignoreIndex);
            return scope.keep(targets.reduce(targets.nll(logProbs), reduction));
        }
    }
}
