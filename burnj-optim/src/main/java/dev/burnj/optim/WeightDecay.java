package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;

/** The two kinds of weight decay: L2 added to the gradient (SGD, Adam, ...) and decoupled (AdamW). */
final class WeightDecay {
    private WeightDecay() {}

    /** {@code grad + weightDecay * param} (the gradient itself when the decay is 0). Call inside a scope. */
    static <T extends FloatTensor<T, ?, ?>> T coupled(T grad, T param, double weightDecay) {
        return weightDecay == 0 ? grad : grad.add(param.mul(weightDecay));
    }

    /** {@code param * (1 - lr * weightDecay)}, the decoupled shrinkage applied before the step. Call inside a scope. */
    static <T extends FloatTensor<T, ?, ?>> T decoupled(T param, double lr, double weightDecay) {
        return weightDecay == 0 ? param : param.mul(1 - lr * weightDecay);
    }
}
