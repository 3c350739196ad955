package dev.burnj.autodiff;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.Backend;
import dev.burnj.backend.CustomOp;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayList;
import java.util.List;

/** The {@link AutodiffOps} of an {@link AutodiffBackend}: leaves, detaching, backward and custom ops. */
final class GradientOps implements AutodiffOps {
    private final AutodiffCore backend;
    private final Backend inner;

    GradientOps(AutodiffCore backend, Backend inner) {
        this.backend = backend;
        this.inner = inner;
    }

    /** A leaf stays itself; any other float tensor becomes a new leaf with the same values, cut from its history. */
    @Override
    public TensorPrimitive requireGrad(TensorPrimitive tensor) {
        AutodiffTensor x = backend.unwrap(tensor);
        if (!x.dtype().isFloat()) {
            throw new IllegalArgumentException("requireGrad: only float tensors can have gradients, got a " + x.dtype() + " tensor " + x.shape());
        }
        if (x.isTracked() && x.node().isLeaf()) {
            return x.retain();
        }
        return backend.wrapLeaf(x.inner().retain());
    }

    @Override
    public boolean requiresGrad(TensorPrimitive tensor) {
        return backend.unwrap(tensor).isTracked();
    }

    @Override
    public TensorPrimitive detach(TensorPrimitive tensor) {
        AutodiffTensor x = backend.unwrap(tensor);
        return x.isTracked() ? backend.wrap(x.inner().retain()) : x.retain();
    }

    @Override
    public Gradients backward(TensorPrimitive root, TensorPrimitive seed) {
        AutodiffTensor r = backend.unwrap(root);
        if (!r.isTracked()) {
            throw new IllegalArgumentException("backward: the root " + r.shape() + " " + r.dtype() + " does not require gradients; "
                    + "no input was marked with requireGrad, or it was computed under NoGrad or detached");
        }
        TensorPrimitive innerSeed;
        if (seed == null) {
            if (r.shape().numel() != 1) {
                throw new IllegalArgumentException("backward: the root has shape " + r.shape() + " with " + r.shape().numel()
                        + " elements; a seed of the same shape is needed unless the root has exactly one element");
            }
            innerSeed = inner.full(r.shape(), 1.0, r.dtype(), r.inner().device());
        } else {
            AutodiffTensor s = backend.unwrap(seed);
            if (!s.shape().equals(r.shape())) {
                throw new IllegalArgumentException("backward: the seed has shape " + s.shape() + " but the root has shape " + r.shape());
            }
            innerSeed = s.dtype() == r.dtype() ? s.inner().retain() : inner.cast(s.inner(), r.dtype());
        }
        return new BackwardPass(backend, inner).run(r.node(), innerSeed);
    }

    /** Runs the op's forward on the inner backend; its backward receives the saved inner inputs and output. */
    @Override
    public TensorPrimitive custom(CustomOp op, List<TensorPrimitive> inputs) {
        AutodiffTensor[] xs = new AutodiffTensor[inputs.size()];
        List<TensorPrimitive> inners = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = backend.unwrap(inputs.get(i));
            inners.add(xs[i].inner());
        }
        int arity = xs.length;
        TensorPrimitive out = op.forward(inner, List.copyOf(inners));
        if (out == null) {
            throw new IllegalStateException("custom op '" + op.name() + "': forward returned null");
        }
        return backend.record(op.name(), out, (saved, needs) -> {
            List<TensorPrimitive> keptInputs = new ArrayList<>(inners.size());
            for (TensorPrimitive t : inners) {
                keptInputs.add(saved.keep(t));
            }
            List<TensorPrimitive> keptInputsView = List.copyOf(keptInputs);
            TensorPrimitive keptOutput = saved.keep(out);
            return g -> {
                List<TensorPrimitive> result = op.backward(inner, keptInputsView, keptOutput, g);
                if (result == null || result.size() != arity) {
                    if (result != null) {
                        result.forEach(Refs::release);
                    }
                    throw new IllegalStateException("custom op '" + op.name() + "': backward must return one gradient (or null) per input, "
                            + arity + " expected, got " + (result == null ? "null" : String.valueOf(result.size())));
                }
                return result.toArray(new TensorPrimitive[0]);
            };
        }, xs);
    }

    @Override
    public long liveNodes() {
        return backend.liveNodeCounter().sum();
    }
}
