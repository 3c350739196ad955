package dev.burnj.autodiff;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link dev.burnj.backend.FloatOps} of the autodiff backend: elementwise math with its derivatives. Rules that can
 * be written in terms of the output (exp, sqrt, recip, tanh) save the output instead of the input. {@code mean},
 * {@code meanDim}, {@code var} and {@code rsqrt} keep their composed defaults and are differentiated through them.
 */
abstract class AutodiffFloatOps extends AutodiffReductionOps {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    AutodiffFloatOps(Backend inner) {
        super(inner);
    }

    @Override
    public TensorPrimitive random(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        return wrap(inner.random(shape, distribution, seed, offset, dtype, innerDevice(device)));
    }

    /**
     * Optimizer updates are not differentiated: the inner backend's fused kernel on the values, results untracked. A
     * consumed input that something else still holds (a graph, another reference) keeps an extra reference to its
     * inner tensor during the call, so that the inner backend cannot write into memory that is still read.
     */
    @Override
    public AdamUpdate adamStep(TensorPrimitive param, TensorPrimitive grad, TensorPrimitive expAvg, TensorPrimitive expAvgSq,
            TensorPrimitive maxExpAvgSq, AdamCoefficients c) {
        List<TensorPrimitive> guarded = new ArrayList<>(4);
        try {
            AdamUpdate u = inner.adamStep(consumable(param, guarded), unwrap(grad).inner(), consumable(expAvg, guarded),
                    consumable(expAvgSq, guarded), maxExpAvgSq == null ? null : consumable(maxExpAvgSq, guarded), c);
            return new AdamUpdate(wrap(u.param()), wrap(u.expAvg()), wrap(u.expAvgSq()), u.maxExpAvgSq() == null ? null : wrap(u.maxExpAvgSq()));
        } finally {
            guarded.forEach(TensorPrimitive::release);
        }
    }

    /** The inner tensor of a consumed input; while the wrapper is shared, with an extra reference added to {@code guarded}. */
    private TensorPrimitive consumable(TensorPrimitive tensor, List<TensorPrimitive> guarded) {
        AutodiffTensor t = unwrap(tensor);
        if (!t.isShared()) {
            return t.inner();
        }
        guarded.add(t.inner().retain());
        return t.inner();
    }

    @Override
    public TensorPrimitive detachForComposition(TensorPrimitive tensor) {
        return wrap(unwrap(tensor).inner().retain());
    }

    @Override
    public TensorPrimitive exp(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.exp(x.inner());
        return record("exp", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> grads(inner.mul(g, y));
        }, x);
    }

    @Override
    public TensorPrimitive log(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("log", inner.log(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(inner.div(g, input));
        }, x);
    }

    @Override
    public TensorPrimitive log1p(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("log1p", inner.log1p(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(Refs.then(inner.addScalar(input, 1.0), d -> inner.div(g, d)));
        }, x);
    }

    @Override
    public TensorPrimitive sqrt(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.sqrt(x.inner());
        return record("sqrt", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> grads(Refs.then(inner.div(g, y), q -> inner.mulScalar(q, 0.5)));
        }, x);
    }

    /** d(1/x)/dx = -1/x^2 = -y^2. */
    @Override
    public TensorPrimitive recip(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.recip(x.inner());
        return record("recip", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> grads(Refs.then(Refs.then(inner.mul(y, y), sq -> inner.mul(g, sq)), inner::neg));
        }, x);
    }

    @Override
    public TensorPrimitive sin(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("sin", inner.sin(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(Refs.then(inner.cos(input), c -> inner.mul(g, c)));
        }, x);
    }

    @Override
    public TensorPrimitive cos(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("cos", inner.cos(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(Refs.then(Refs.then(inner.sin(input), s -> inner.mul(g, s)), inner::neg));
        }, x);
    }

    /** d tanh(x)/dx = 1 - tanh(x)^2, from the saved output. */
    @Override
    public TensorPrimitive tanh(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.tanh(x.inner());
        return record("tanh", out, (saved, needs) -> {
            TensorPrimitive y = saved.keep(out);
            return g -> grads(inner.tanhBackward(y, g));
        }, x);
    }

    /** d erf(x)/dx = 2/sqrt(pi) exp(-x^2). */
    @Override
    public TensorPrimitive erf(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        return record("erf", inner.erf(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> {
                TensorPrimitive negSquare = Refs.then(inner.mul(input, input), inner::neg);
                TensorPrimitive slope = Refs.then(Refs.then(negSquare, inner::exp), e -> inner.mulScalar(e, TWO_OVER_SQRT_PI));
                return grads(Refs.then(slope, s -> inner.mul(g, s)));
            };
        }, x);
    }

    @Override
    public TensorPrimitive floor(TensorPrimitive tensor) {
        return piecewiseConstant("floor", tensor, inner::floor);
    }

    @Override
    public TensorPrimitive ceil(TensorPrimitive tensor) {
        return piecewiseConstant("ceil", tensor, inner::ceil);
    }

    @Override
    public TensorPrimitive round(TensorPrimitive tensor) {
        return piecewiseConstant("round", tensor, inner::round);
    }

    /** Rounding ops have zero gradient almost everywhere; they are recorded so the leaf gets zeros, as in PyTorch. */
    private TensorPrimitive piecewiseConstant(String op, TensorPrimitive tensor, UnaryOperator<TensorPrimitive> forward) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record(op, forward.apply(x.inner()), (saved, needs) -> g -> grads(zeros(in, g)), x);
    }

    /**
     * PyTorch's rules: {@code d/da = b a^(b-1)}, defined as 0 where {@code b == 0}; {@code d/db = a^b ln a}, defined as
     * 0 where {@code a == 0 and b >= 0} (NaN for negative bases, as ln is).
     */
    @Override
    public TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs) {
        AutodiffTensor a = unwrap(lhs);
        AutodiffTensor b = unwrap(rhs);
        Shape as = a.shape();
        Shape bs = b.shape();
        TensorPrimitive out = inner.pow(a.inner(), b.inner());
        return record("pow", out, (saved, needs) -> {
            TensorPrimitive base = saved.keep(a.inner());
            TensorPrimitive exponent = saved.keep(b.inner());
            TensorPrimitive result = needs[1] ? saved.keep(out) : null;
            return g -> grads(
                    needs[0] ? reduceTo(powBaseGrad(base, exponent, g), as) : null,
                    needs[1] ? reduceTo(powExponentGrad(base, exponent, result, g), bs) : null);
        }, a, b);
    }

    private TensorPrimitive powBaseGrad(TensorPrimitive base, TensorPrimitive exponent, TensorPrimitive g) {
        TensorPrimitive lowered = Refs.then(inner.subScalar(exponent, 1.0), e -> inner.pow(base, e));
        TensorPrimitive slope = Refs.then(lowered, l -> inner.mul(l, exponent));
        TensorPrimitive scaled = Refs.then(slope, s -> inner.mul(g, s));
        return Refs.then(scaled, s -> Refs.then(inner.compareScalar(exponent, 0.0, Comparison.EQ), m -> inner.maskFill(s, m, 0.0)));
    }

    private TensorPrimitive powExponentGrad(TensorPrimitive base, TensorPrimitive exponent, TensorPrimitive result, TensorPrimitive g) {
        TensorPrimitive slope = Refs.then(inner.log(base), l -> inner.mul(result, l));
        TensorPrimitive scaled = Refs.then(slope, s -> inner.mul(g, s));
        TensorPrimitive zeroBase = inner.compareScalar(base, 0.0, Comparison.EQ);
        TensorPrimitive nonNegative = inner.compareScalar(exponent, 0.0, Comparison.GE);
        TensorPrimitive undefined = inner.and(zeroBase, nonNegative);
        Refs.release(zeroBase, nonNegative);
        return Refs.then(scaled, s -> Refs.then(undefined, m -> inner.maskFill(s, m, 0.0)));
    }

    @Override
    public TensorPrimitive powScalar(TensorPrimitive tensor, double exponent) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("powScalar", inner.powScalar(x.inner(), exponent), (saved, needs) -> {
            if (exponent == 0.0) {
                return g -> grads(zeros(in, g));
            }
            TensorPrimitive input = saved.keep(x.inner());
            return g -> {
                TensorPrimitive slope = Refs.then(inner.powScalar(input, exponent - 1.0), p -> inner.mulScalar(p, exponent));
                return grads(Refs.then(slope, s -> inner.mul(g, s)));
            };
        }, x);
    }

    /** Fused on the inner backend; the gradient is the softmax {@code exp(x - lse)} times the incoming gradient. */
    @Override
    public TensorPrimitive logSumExp(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        TensorPrimitive out = inner.logSumExp(x.inner(), dim);
        return record("logSumExp", out, (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            TensorPrimitive lse = saved.keep(out);
            return g -> {
                TensorPrimitive softmax = Refs.then(inner.sub(input, lse), inner::exp);
                return grads(Refs.then(softmax, s -> inner.mul(s, g)));
            };
        }, x);
    }
}
