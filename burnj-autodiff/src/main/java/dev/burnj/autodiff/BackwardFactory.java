package dev.burnj.autodiff;

/**
 * Builds an op's {@link BackwardRule} at record time. It is only called when the op is actually recorded, so work
 * done only for backward (saving inputs, computing argmax indices) is skipped for untracked computations.
 */
@FunctionalInterface
interface BackwardFactory {
    /**
     * @param saved where to keep the inner tensors the rule needs; they are released with the node
     * @param needs for each input, whether it is tracked and therefore needs a gradient
     */
    BackwardRule prepare(SavedTensors saved, boolean[] needs);
}
