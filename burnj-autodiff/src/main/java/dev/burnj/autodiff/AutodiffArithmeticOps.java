package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Elementwise arithmetic of {@link dev.burnj.backend.NumericOps} plus matmul, with backward rules. Binary ops
 * broadcast, so each input's gradient is summed back to that input's shape.
 */
abstract class AutodiffArithmeticOps extends AutodiffTensorOps {
    AutodiffArithmeticOps(Backend inner) {
        super(inner);
    }

    @Override
    public TensorPrimitive add(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        return record("add", inner.add(a.inner(), b.inner()), (saved, needs) -> g -> grads(
                needs[0] ? sumTo(g, as) : null,
                needs[1] ? sumTo(g, bs) : null), a, b);
    }

    @Override
    public TensorPrimitive sub(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        return record("sub", inner.sub(a.inner(), b.inner()), (saved, needs) -> g -> grads(
                needs[0] ? sumTo(g, as) : null,
                needs[1] ? reduceTo(inner.neg(g), bs) : null), a, b);
    }

    @Override
    public TensorPrimitive mul(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        return record("mul", inner.mul(a.inner(), b.inner()), (saved, needs) -> {
            // Each side's gradient needs only the other side, so keep only what a tracked input will use.
            TensorPrimitive x = needs[1] ? saved.keep(a.inner()) : null;
            TensorPrimitive y = needs[0] ? saved.keep(b.inner()) : null;
            return g -> grads(
                    needs[0] ? reduceTo(inner.mul(g, y), as) : null,
                    needs[1] ? reduceTo(inner.mul(g, x), bs) : null);
        }, a, b);
    }

    /** d(a/b)/da = 1/b and d(a/b)/db = -a/b^2 = -(a/b)/b, computed from the saved output. */
    @Override
    public TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        TensorPrimitive out = inner.div(a.inner(), b.inner());
        return record("div", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(b.inner());
            TensorPrimitive quotient = needs[1] ? saved.keep(out) : null;
            return g -> {
                TensorPrimitive gOverY = inner.div(g, y);
                try {
                    return grads(
                            needs[0] ? sumTo(gOverY, as) : null,
                            needs[1] ? reduceTo(Refs.then(inner.mul(gOverY, quotient), inner::neg), bs) : null);
                } finally {
                    gOverY.release();
                }
            };
        }, a, b);
    }

    @Override
    public TensorPrimitive addScalar(TensorPrimitive lhs, double rhs) {
        AutodiffTensor x = unwrap(lhs);
        return record("addScalar", inner.addScalar(x.inner(), rhs), (saved, needs) -> g -> grads(g.retain()), x);
    }

    @Override
    public TensorPrimitive subScalar(TensorPrimitive lhs, double rhs) {
        AutodiffTensor x = unwrap(lhs);
        return record("subScalar", inner.subScalar(x.inner(), rhs), (saved, needs) -> g -> grads(g.retain()), x);
    }

    @Override
    public TensorPrimitive rsubScalar(TensorPrimitive tensor, double lhs) {
        AutodiffTensor x = unwrap(tensor);
        return record("rsubScalar", inner.rsubScalar(x.inner(), lhs), (saved, needs) -> g -> grads(inner.neg(g)), x);
    }

    @Override
    public TensorPrimitive mulScalar(TensorPrimitive lhs, double rhs) {
        AutodiffTensor x = unwrap(lhs);
        return record("mulScalar", inner.mulScalar(x.inner(), rhs), (saved, needs) -> g -> grads(inner.mulScalar(g, rhs)), x);
    }

    @Override
    public TensorPrimitive divScalar(TensorPrimitive lhs, double rhs) {
        AutodiffTensor x = unwrap(lhs);
        return record("divScalar", inner.divScalar(x.inner(), rhs), (saved, needs) -> g -> grads(inner.divScalar(g, rhs)), x);
    }

    @Override
    public TensorPrimitive neg(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("neg", inner.neg(x.inner()), (saved, needs) -> g -> grads(inner.neg(g)), x);
    }

    @Override
    public TensorPrimitive abs(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("abs", inner.abs(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(Refs.then(inner.sign(input), s -> inner.mul(g, s)));
        }, x);
    }

    /** Piecewise constant: the gradient is zero everywhere (PyTorch), recorded so that the leaf still gets zeros. */
    @Override
    public TensorPrimitive sign(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("sign", inner.sign(x.inner()), (saved, needs) -> g -> grads(zeros(in, g)), x);
    }

    /** The gradient passes where {@code min <= x <= max}, boundaries included, as in PyTorch. */
    @Override
    public TensorPrimitive clamp(TensorPrimitive tensor, double min, double max) {
        AutodiffTensor x = unwrap(tensor);
        return record("clamp", inner.clamp(x.inner(), min, max), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> {
                TensorPrimitive below = inner.compareScalar(input, min, Comparison.LT);
                TensorPrimitive above = inner.compareScalar(input, max, Comparison.GT);
                TensorPrimitive outside = inner.or(below, above);
                Refs.release(below, above);
                return grads(Refs.then(outside, m -> inner.maskFill(g, m, 0.0)));
            };
        }, x);
    }

    @Override
    public TensorPrimitive maximum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return extremum("maximum", lhs, rhs, Comparison.GT);
    }

    @Override
    public TensorPrimitive minimum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return extremum("minimum", lhs, rhs, Comparison.LT);
    }

    /**
     * maximum ({@code wins = GT}) and minimum ({@code wins = LT}): the gradient goes to the selected side and ties split
     * it half and half, as PyTorch does. The lhs weight is {@code [a wins] + [a == b] / 2}; the rhs gets the rest.
     */
    private TensorPrimitive extremum(String op, TensorPrimitive lhs, TensorPrimitive rhs, Comparison wins) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        TensorPrimitive out = wins == Comparison.GT ? inner.maximum(a.inner(), b.inner()) : inner.minimum(a.inner(), b.inner());
        return record(op, out, (saved, needs) -> {
            TensorPrimitive x = saved.keep(a.inner());
            TensorPrimitive y = saved.keep(b.inner());
            return g -> {
                DType dtype = g.dtype();
                TensorPrimitive won = indicator(inner.compare(x, y, wins), dtype);
                TensorPrimitive halfTie = Refs.then(indicator(inner.compare(x, y, Comparison.EQ), dtype), t -> inner.mulScalar(t, 0.5));
                TensorPrimitive weight = inner.add(won, halfTie);
                Refs.release(won, halfTie);
                TensorPrimitive toLhs = Refs.then(weight, w -> inner.mul(g, w));
                try {
                    return grads(
                            needs[0] ? sumTo(toLhs, as) : null,
                            needs[1] ? reduceTo(inner.sub(g, toLhs), bs) : null);
                } finally {
                    toLhs.release();
                }
            };
        }, a, b);
    }

    /** For {@code C = A B}: {@code dA = dC B^T} and {@code dB = A^T dC}, each summed over broadcast batch dims. */
    @Override
    public TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        return record("matmul", inner.matmul(a.inner(), b.inner()), (saved, needs) -> {
            TensorPrimitive x = needs[1] ? saved.keep(a.inner()) : null;
            TensorPrimitive y = needs[0] ? saved.keep(b.inner()) : null;
            return g -> grads(
                    needs[0] ? reduceTo(Refs.then(transpose(y), yt -> inner.matmul(g, yt)), as) : null,
                    needs[1] ? reduceTo(Refs.then(transpose(x), xt -> inner.matmul(xt, g)), bs) : null);
        }, a, b);
    }

    /** Swaps the last two dims of an inner tensor. */
    private TensorPrimitive transpose(TensorPrimitive t) {
        int rank = t.shape().rank();
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        axes[rank - 1] = rank - 2;
        axes[rank - 2] = rank - 1;
        return inner.permute(t, axes);
    }
}
