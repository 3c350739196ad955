package dev.burnj.autodiff;

import dev.burnj.backend.TensorPrimitive;
import java.util.function.UnaryOperator;

/** Small ownership helpers that keep backward rules free of release bookkeeping. */
final class Refs {
    private Refs() {}

    /** Applies {@code step} to a tensor the caller owns, then releases it: {@code then(mul(g, y), t -> mulScalar(t, 2))}. */
    static TensorPrimitive then(TensorPrimitive owned, UnaryOperator<TensorPrimitive> step) {
        try {
            return step.apply(owned);
        } finally {
            owned.release();
        }
    }

    /** Releases every non-null tensor. */
    static void release(TensorPrimitive... tensors) {
        for (TensorPrimitive t : tensors) {
            if (t != null) {
                t.release();
            }
        }
    }
}
