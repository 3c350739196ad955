package dev.burnj.backend;

/**
 * Fused optimizer updates: one pass over a parameter's elements where the tensor-op formulation takes a dozen
 * ops, each a kernel launch and a new tensor. The defaults compose other ops in exactly the order of the
 * formulas below; a backend overrides them with a kernel that must round as they do. Not differentiable.
 */
public interface OptimizerOps extends FloatOps {
    /**
     * One Adam step from the gradient {@code g} (coupled weight decay already added):
     * {@code m' = beta1 m + (1 - beta1) g}, {@code v' = beta2 v + (1 - beta2) (g g)},
     * {@code p' = p - ((m' / (sqrt(d) / sqrt(1 - beta2^t) + eps)) stepSize)} with {@code d = v'}, or with AMSGrad
     * (when {@code maxExpAvgSq} is given) {@code d = max(maxExpAvgSq, v')}, returned as the new maximum. All inputs
     * share one shape and float dtype; none is released.
     *
     * <p>{@code param}, {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq} are consumed, as Burn's optimizers
     * take them by value: the caller releases them after the call and reads them no more. So a backend may write a
     * result into the memory of the input it replaces when the caller's reference is the only one to that memory
     * (no other reference, no view); the result is then a primitive of its own on that memory. Where anything else
     * can still read the input, the result must go to new memory. {@code grad} is only read. The default never
     * reuses memory.
     */
    default AdamUpdate adamStep(TensorPrimitive param, TensorPrimitive grad, TensorPrimitive expAvg, TensorPrimitive expAvgSq,
            TensorPrimitive maxExpAvgSq, AdamCoefficients c) {
        TensorPrimitive m = decayed(expAvg, grad, c.beta1());
        TensorPrimitive squared = mul(grad, grad);
        TensorPrimitive v;
        try {
            v = decayed(expAvgSq, squared, c.beta2());
        } finally {
            squared.release();
        }
        TensorPrimitive max = maxExpAvgSq == null ? null : maximum(maxExpAvgSq, v);
        TensorPrimitive root = sqrt(max == null ? v : max);
        TensorPrimitive scaled = divScalar(root, c.biasCorrection2Sqrt());
        root.release();
        TensorPrimitive denominator = addScalar(scaled, c.eps());
        scaled.release();
        TensorPrimitive ratio = div(m, denominator);
        denominator.release();
        TensorPrimitive step = mulScalar(ratio, c.stepSize());
        ratio.release();
        TensorPrimitive updated = sub(param, step);
        step.release();
        return new AdamUpdate(updated, m, v, max);
    }

    /** {@code decay * previous + (1 - decay) * x}, the moving average the optimizers keep. */
    private TensorPrimitive decayed(TensorPrimitive previous, TensorPrimitive x, double decay) {
        TensorPrimitive kept = mulScalar(previous, decay);
        TensorPrimitive fresh = mulScalar(x, 1 - decay);
        try {
            return add(kept, fresh);
        } finally {
            kept.release();
            fresh.release();
        }
    }
}
