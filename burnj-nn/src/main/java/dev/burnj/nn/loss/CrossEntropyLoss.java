package dev.burnj.nn.loss;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Cross-entropy of logits {@code [N, C]} against class indices {@code [N]}, with PyTorch's semantics: log-softmax
 * (stable, through log-sum-exp), then per sample
 * {@code (1 - eps) * (-w[y] * lp[y]) + (eps / C) * (-sum_c w[c] * lp[c])} for label smoothing {@code eps}. Samples whose
 * target is the ignore index contribute 0; MEAN divides the summed loss by the summed {@code w[y_i]} of the samples not
 * ignored (the smoothing term too), so an all-ignored batch gives NaN, as PyTorch. Immutable:
 * {@code CrossEntropyLoss.of().withLabelSmoothing(0.1).withWeights(1, 2, 1)}.
 */
public final class CrossEntropyLoss {
    private static final CrossEntropyLoss DEFAULT = new CrossEntropyLoss(null, -100, Reduction.MEAN, 0.0);

    private final double[] weights;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    private CrossEntropyLoss(double[] weights, long ignoreIndex, Reduction reduction, double labelSmoothing) {
        this.weights = weights;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
        this.labelSmoothing = labelSmoothing;
    }

    /** No class weights, ignore index -100, MEAN, no label smoothing (PyTorch's defaults). */
    public static CrossEntropyLoss of() {
        return DEFAULT;
    }

    /** One weight per class. */
    public CrossEntropyLoss withWeights(double... classWeights) {
        return new CrossEntropyLoss(classWeights.clone(), ignoreIndex, reduction, labelSmoothing);
    }

    /** The target value whose samples are skipped. */
    public CrossEntropyLoss withIgnoreIndex(long index) {
        return new CrossEntropyLoss(weights, index, reduction, labelSmoothing);
    }

    public CrossEntropyLoss withReduction(Reduction newReduction) {
        return new CrossEntropyLoss(weights, ignoreIndex, Objects.requireNonNull(newReduction), labelSmoothing);
    }

    /** Label smoothing in {@code [0, 1]}: that much probability mass is spread uniformly over the classes. */
    public CrossEntropyLoss withLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1], got " + eps);
        }
        return new CrossEntropyLoss(weights, ignoreIndex, reduction, eps);
    }

    /** The loss of logits {@code [N, C]} against class indices {@code [N]}. */
    public Tensor1 forward(Tensor2 logits, IntTensor1 target) {
        try (TensorScope scope = TensorScope.open()) {
            ClassTargets targets = ClassTargets.of("crossEntropy", logits, target, weights, ignoreIndex);
            if (labelSmoothing == 0) {
                // One op (and one backward) where the composition below takes a dozen: the backend's cross-entropy.
                return scope.keep(targets.reduce(targets.weighted(Functional.crossEntropy(logits, targets.safe)), reduction));
            }
            // x - logsumexp(x) rather than the backend's logSoftmax: that keeps log-probabilities of very negative
            // logits finite (nd4j's logSoftmax underflows to -inf for a logit 2000 below the maximum)
            Tensor2 logProbs = logits.sub(logits.logSumExp(1));
            Tensor2 weighted = targets.classWeights == null ? logProbs : logProbs.mul(targets.classWeights.unsqueeze(0));
            Tensor1 smooth = targets.zeroIgnored(weighted.sumDim(1).squeeze(1).neg());
            int classes = logits.shape().dim(1);
            Tensor1 perSample = targets.nll(logProbs).mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing / classes));
            return scope.keep(targets.reduce(perSample, reduction));
        }
    }
}
