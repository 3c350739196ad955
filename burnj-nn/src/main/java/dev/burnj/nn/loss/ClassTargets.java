package dev.burnj.nn.loss;

import dev.burnj.tensor.BoolTensor1;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;

/**
 * The class-index bookkeeping NLL and cross-entropy share: which samples are ignored, in-range indices to gather
 * with, and each sample's weight ({@code w[y_i]}, or 1, and 0 when ignored). Tensors are created in the caller's
 * {@link dev.burnj.tensor.TensorScope}.
 */
final class ClassTargets {
    /** The ignored samples, or null when no target equals the ignore index (the common case, which skips the masks). */
    final BoolTensor1 ignored;
    /** The targets with ignored entries replaced by class 0, so that gather never reads out of range. */
    final IntTensor1 safe;
    /** Each sample's weight, or null when every weight is 1 (unweighted, nothing ignored). */
    final Tensor1 sampleWeight;
    /** The class weights {@code [C]}, or null when unweighted. */
    final Tensor1 classWeights;

    private ClassTargets(BoolTensor1 ignored, IntTensor1 safe, Tensor1 sampleWeight, Tensor1 classWeights) {
        this.ignored = ignored;
        this.safe = safe;
        this.sampleWeight = sampleWeight;
        this.classWeights = classWeights;
    }

    /** Checks shapes and index ranges (as PyTorch does, on the host) and builds the bookkeeping tensors. */
    static ClassTargets of(String op, Tensor2 input, IntTensor1 target, double[] weights, long ignoreIndex) {
        int n = input.shape().dim(0);
        int classes = input.shape().dim(1);
        if (target.shape().dim(0) != n) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " and target " + target.shape() + " differ in batch size");
        }
        if (!target.device().equals(input.device())) {
            throw new IllegalArgumentException(op + ": target is on " + target.device() + " but the input on " + input.device()
                    + "; create the target there or move it with to(device)");
        }
        if (weights != null && weights.length != classes) {
            throw new IllegalArgumentException(op + ": " + weights.length + " class weights for " + classes + " classes");
        }
        long[] values = target.toData().toLongs();
        boolean anyIgnored = false;
        for (int i = 0; i < values.length; i++) {
            anyIgnored |= values[i] == ignoreIndex;
            if (values[i] != ignoreIndex && (values[i] < 0 || values[i] >= classes)) {
                throw new IllegalArgumentException(op + ": target " + values[i] + " at position " + i + " is out of range for " + classes
                        + " classes (ignore index " + ignoreIndex + ")");
            }
        }
        if (!anyIgnored && weights == null) {
            // Masks of all-false and weights of all-one change no value; leaving them out saves six ops and their backward.
            return new ClassTargets(null, target, null, null);
        }
        BoolTensor1 ignored = target.equal(ignoreIndex);
        IntTensor1 safe = target.maskFill(ignored, 0);
        Tensor1 classWeights = weights == null ? null : LossTensors.constant(weights, input);
        Tensor1 perSample = classWeights == null
                ? Tensor1.ones(Shape.of(n), TensorOptions.on(input.device()).withDType(input.dtype()))
                : classWeights.indexSelect(0, safe);
        return new ClassTargets(ignored, safe, perSample.maskFill(ignored, 0.0), classWeights);
    }

    /** {@code logProbs[i, y_i]} for every sample, {@code [N]}. */
    Tensor1 picked(Tensor2 logProbs) {
        return logProbs.gather(1, safe.unsqueeze(1)).squeeze(1);
    }

    /** {@code -w[y_i] * logProbs[i, y_i]}, exactly 0 for ignored samples. */
    Tensor1 nll(Tensor2 logProbs) {
        if (sampleWeight == null) {
            return picked(logProbs).neg();
        }
        return picked(logProbs).mul(sampleWeight).neg().maskFill(ignored, 0.0);
    }

    /** Per-sample losses times each sample's weight, exactly 0 for ignored samples. */
    Tensor1 weighted(Tensor1 perSample) {
        return sampleWeight == null ? perSample : perSample.mul(sampleWeight).maskFill(ignored, 0.0);
    }

    /** {@code perSample} with ignored samples set to exactly 0. */
    Tensor1 zeroIgnored(Tensor1 perSample) {
        return ignored == null ? perSample : perSample.maskFill(ignored, 0.0);
    }

    /**
     * Reduces per-sample losses. MEAN divides by the summed weights of the samples not ignored (PyTorch's weighted
     * mean), so a batch where every sample is ignored gives 0 / 0 = NaN, as in PyTorch.
     */
    Tensor1 reduce(Tensor1 perSample, Reduction reduction) {
        if (reduction == Reduction.MEAN) {
            // Unweighted, the weights sum to the batch size exactly: the same quotient.
            return sampleWeight == null ? perSample.sum().div(perSample.shape().dim(0)) : perSample.sum().div(sampleWeight.sum());
        }
        return reduction.apply(perSample);
    }
}
