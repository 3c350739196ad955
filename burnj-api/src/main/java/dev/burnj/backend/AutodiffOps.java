package dev.burnj.backend;

import java.util.List;

/**
 * The gradient side of an autodiff backend. Only float tensors are tracked; int and bool tensors pass
 * through untracked. A tensor's gradient is kept when it was marked with {@link #requireGrad}.
 */
public interface AutodiffOps {
    /** A leaf with the same values whose gradient {@link #backward} will report. */
    TensorPrimitive requireGrad(TensorPrimitive tensor);

    /** Whether gradients flow to or through this tensor. */
    boolean requiresGrad(TensorPrimitive tensor);

    /** The same values cut from the graph. */
    TensorPrimitive detach(TensorPrimitive tensor);

    /**
     * Runs reverse mode from {@code root}, seeded with {@code seed} (same shape as root), or with 1 when
     * {@code seed} is null, which requires a single-element root. The graph behind {@code root} is freed.
     *
     * @throws IllegalArgumentException when {@code seed} is null and {@code root} has more than one element
     */
    Gradients backward(TensorPrimitive root, TensorPrimitive seed);

    /** Applies a user-defined differentiable op to tracked inputs. */
    TensorPrimitive custom(CustomOp op, List<TensorPrimitive> inputs);

    /** The number of graph nodes still holding state, for leak checks. */
    long liveNodes();
}
