package dev.burnj.conformance.autodiff;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and owns the tensors of one autodiff test: every primitive made or adopted here is released once on
 * {@link #close()}, so tests that count live nodes or tensors start and end clean.
 */
final class AutodiffFixture implements AutoCloseable {
    private final BackendUnderTest backend;
    private final List<TensorPrimitive> owned = new ArrayList<>();

    AutodiffFixture(BackendUnderTest backend) {
        this.backend = backend;
    }

    Backend ad() {
        return backend.autodiff();
    }

    AutodiffOps grad() {
        return backend.autodiff().autodiffOps();
    }

    /** Takes over the reference to {@code t} and returns it. */
    TensorPrimitive own(TensorPrimitive t) {
        if (t != null) {
            owned.add(t);
        }
        return t;
    }

    /** An untracked F32 tensor on the autodiff device. */
    TensorPrimitive floats(Shape shape, double... values) {
        return own(ad().fromData(TensorData.fromDoubles(values, shape, DType.F32), backend.autodiffDevice()));
    }

    /** An F32 leaf that requires a gradient. */
    TensorPrimitive leaf(Shape shape, double... values) {
        TensorPrimitive t = ad().fromData(TensorData.fromDoubles(values, shape, DType.F32), backend.autodiffDevice());
        try {
            return own(grad().requireGrad(t));
        } finally {
            t.release();
        }
    }

    /** A leaf of the given 1-D values. */
    TensorPrimitive leaf(double... values) {
        return leaf(Shape.of(values.length), values);
    }

    /** An I64 tensor on the autodiff device. */
    TensorPrimitive longs(Shape shape, long... values) {
        return own(ad().fromData(TensorData.of(values, shape), backend.autodiffDevice()));
    }

    /** The values of a tensor as doubles. */
    double[] values(TensorPrimitive t) {
        return ad().toData(t).toDoubles();
    }

    /** The gradient of {@code leaf} in {@code grads} as doubles; fails if it received none. */
    double[] gradient(Gradients grads, TensorPrimitive leaf) {
        TensorPrimitive g = grads.get(leaf);
        if (g == null) {
            throw new AssertionError("expected a gradient for leaf " + leaf.shape() + ", found none in " + grads.size() + " gradient(s)");
        }
        try {
            return values(g);
        } finally {
            g.release();
        }
    }

    /** Runs backward from a one-element root; the container is owned by the caller. */
    Gradients backward(TensorPrimitive root) {
        return grad().backward(root, null);
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).release();
        }
        owned.clear();
    }
}
