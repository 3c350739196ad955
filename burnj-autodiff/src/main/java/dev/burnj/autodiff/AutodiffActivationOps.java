package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;

/**
 * {@link dev.burnj.backend.ActivationOps} of the autodiff backend. The activations that dominate training (relu,
 * leaky relu, sigmoid, softmax, log-softmax) run fused on the inner backend with hand-written backward rules from
 * the saved output; gelu, silu and softplus keep their composed defaults and are differentiated through them.
 */
abstract class AutodiffActivationOps extends AutodiffFloatOps {
    AutodiffActivationOps(Backend inner) {
        super(inner);
    }

    /** The gradient passes where the output is positive (PyTorch: zero at {@code x == 0}). */
    @Override
    public TensorPrimitive relu(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.relu(x.inner());
        return record("relu", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> grads(inner.reluBackward(y, g));
        }, x);
    }

    /** Slope 1 where {@code x > 0}, else {@code slope} (PyTorch's choice at 0). */
    @Override
    public TensorPrimitive leakyRelu(TensorPrimitive tensor, double slope) {
        AutodiffTensor x = unwrap(tensor);
        return record("leakyRelu", inner.leakyRelu(x.inner(), slope), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(inner.leakyReluBackward(input, g, slope));
        }, x);
    }

    /** d sigmoid/dx = s (1 - s), from the saved output. */
    @Override
    public TensorPrimitive sigmoid(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.sigmoid(x.inner());
        return record("sigmoid", out, (saved, needs) -> {
            TensorPrimitive s = saved.keep(out);
            return g -> grads(inner.sigmoidBackward(s, g));
        }, x);
    }

    /** For {@code y = softmax(x)}: {@code dx = y (g - sum(g y))}, the sum along {@code dim}. */
    @Override
    public TensorPrimitive softmax(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.softmax(x.inner(), dim);
        return record("softmax", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> {
                TensorPrimitive dot = Refs.then(inner.mul(g, y), p -> inner.sumDim(p, dim));
                TensorPrimitive centered = Refs.then(dot, d -> inner.sub(g, d));
                return grads(Refs.then(centered, c -> inner.mul(y, c)));
            };
        }, x);
    }

    /** For {@code y = logSoftmax(x)}: {@code dx = g - exp(y) sum(g)}, the sum along {@code dim}. */
    @Override
    public TensorPrimitive logSoftmax(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.logSoftmax(x.inner(), dim);
        return record("logSoftmax", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> {
                TensorPrimitive total = inner.sumDim(g, dim);
                TensorPrimitive weighted = Refs.then(inner.exp(y), p -> inner.mul(p, total));
                total.release();
                return grads(Refs.then(weighted, w -> inner.sub(g, w)));
            };
        }, x);
    }
}
