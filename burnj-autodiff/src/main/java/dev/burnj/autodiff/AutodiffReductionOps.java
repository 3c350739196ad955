package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import java.util.function.UnaryOperator;

/**
 * Reductions, scans and ordering of {@link dev.burnj.backend.NumericOps}, with backward rules. Reduced gradients are
 * broadcast back over the reduced dims; max/min route the gradient to the first extreme element, as argmax picks it.
 */
abstract class AutodiffReductionOps extends AutodiffArithmeticOps {
    AutodiffReductionOps(Backend inner) {
        super(inner);
    }

    @Override
    public TensorPrimitive sum(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("sum", inner.sum(x.inner()), (saved, needs) -> g -> grads(
                Refs.then(inner.reshape(g, Broadcasting.ones(in.rank())), t -> inner.expand(t, in))), x);
    }

    @Override
    public TensorPrimitive sumDim(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("sumDim", inner.sumDim(x.inner(), dim), (saved, needs) -> g -> grads(inner.expand(g, in)), x);
    }

    @Override
    public TensorPrimitive prod(TensorPrimitive tensor) {
        AutodiffTensor x = unwrap(tensor);
        Shape reduced = Broadcasting.ones(x.shape().rank());
        return record("prod", inner.prod(x.inner()), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(prodGrad(input, g, t -> Refs.then(inner.prod(t), p -> inner.reshape(p, reduced)),
                    t -> Refs.then(inner.sum(t), s -> inner.reshape(s, reduced)), reduced));
        }, x);
    }

    @Override
    public TensorPrimitive prodDim(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        Shape reduced = x.shape().withDim(dim, 1);
        return record("prodDim", inner.prodDim(x.inner(), dim), (saved, needs) -> {
            TensorPrimitive input = saved.keep(x.inner());
            return g -> grads(prodGrad(input, g, t -> inner.prodDim(t, dim), t -> inner.sumDim(t, dim), reduced));
        }, x);
    }

    /**
     * The gradient of a product is the product of the other elements. Dividing the product by x_i fails at zeros, so:
     * with no zero in a group each element gets {@code prod / x_i}; with exactly one zero only that element gets the
     * product of the others; with two or more every element gets 0. {@code product} and {@code count} reduce a tensor
     * of the input's shape to {@code reduced} (the reduction's shape with the input's rank).
     */
    private TensorPrimitive prodGrad(TensorPrimitive x, TensorPrimitive g, UnaryOperator<TensorPrimitive> product,
            UnaryOperator<TensorPrimitive> count, Shape reduced) {
        TensorPrimitive isZero = inner.compareScalar(x, 0.0, Comparison.EQ);
        TensorPrimitive nonZero = inner.maskFill(x, isZero, 1.0);
        TensorPrimitive othersIfZero = product.apply(nonZero);
        TensorPrimitive zeroCount = Refs.then(indicator(isZero.retain(), x.dtype()), count);
        try {
            TensorPrimitive notOneZero = inner.compareScalar(zeroCount, 1.0, Comparison.NE);
            TensorPrimitive atZero = Refs.then(notOneZero, m -> inner.maskFill(othersIfZero, m, 0.0));
            TensorPrimitive anyZero = inner.compareScalar(zeroCount, 0.0, Comparison.NE);
            TensorPrimitive atOthers = Refs.then(inner.div(othersIfZero, nonZero), q -> inner.maskFill(q, anyZero, 0.0));
            anyZero.release();
            TensorPrimitive local = inner.where(isZero, atZero, atOthers);
            Refs.release(atZero, atOthers);
            TensorPrimitive outer = inner.reshape(g, reduced);
            try {
                return Refs.then(local, l -> inner.mul(l, outer));
            } finally {
                outer.release();
            }
        } finally {
            Refs.release(isZero, nonZero, othersIfZero, zeroCount);
        }
    }

    @Override
    public TensorPrimitive max(TensorPrimitive tensor) {
        return extreme("max", tensor, true);
    }

    @Override
    public TensorPrimitive min(TensorPrimitive tensor) {
        return extreme("min", tensor, false);
    }

    /** Full max/min: the gradient goes to the first extreme element of the row-major order. */
    private TensorPrimitive extreme(String op, TensorPrimitive tensor, boolean largest) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        Shape flat = Shape.of((int) in.numel());
        TensorPrimitive out = largest ? inner.max(x.inner()) : inner.min(x.inner());
        return record(op, out, (saved, needs) -> {
            TensorPrimitive flatInput = inner.reshape(x.inner(), flat);
            TensorPrimitive at = saved.adopt(Refs.then(flatInput, f -> largest ? inner.argmax(f, 0) : inner.argmin(f, 0)));
            return g -> {
                TensorPrimitive routed = Refs.then(zeros(flat, g), z -> inner.scatter(z, 0, at, g, false));
                return grads(Refs.then(routed, r -> inner.reshape(r, in)));
            };
        }, x);
    }

    @Override
    public TensorPrimitive maxDim(TensorPrimitive tensor, int dim) {
        return extremeDim("maxDim", tensor, dim, true);
    }

    @Override
    public TensorPrimitive minDim(TensorPrimitive tensor, int dim) {
        return extremeDim("minDim", tensor, dim, false);
    }

    /** Max/min along {@code dim}: the gradient goes to the first extreme element of each lane (argmax's choice). */
    private TensorPrimitive extremeDim(String op, TensorPrimitive tensor, int dim, boolean largest) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        TensorPrimitive out = largest ? inner.maxDim(x.inner(), dim) : inner.minDim(x.inner(), dim);
        return record(op, out, (saved, needs) -> {
            TensorPrimitive at = saved.adopt(largest ? inner.argmax(x.inner(), dim) : inner.argmin(x.inner(), dim));
            return g -> grads(Refs.then(zeros(in, g), z -> inner.scatter(z, dim, at, g, false)));
        }, x);
    }

    @Override
    public TensorPrimitive argmax(TensorPrimitive tensor, int dim) {
        return wrap(inner.argmax(unwrap(tensor).inner(), dim));
    }

    @Override
    public TensorPrimitive argmin(TensorPrimitive tensor, int dim) {
        return wrap(inner.argmin(unwrap(tensor).inner(), dim));
    }

    /** Each input element contributes to every later output, so the gradient is the reversed cumulative sum. */
    @Override
    public TensorPrimitive cumsum(TensorPrimitive tensor, int dim) {
        AutodiffTensor x = unwrap(tensor);
        int[] dims = {dim};
        return record("cumsum", inner.cumsum(x.inner(), dim), (saved, needs) -> g -> {
            TensorPrimitive summed = Refs.then(inner.flip(g, dims), f -> inner.cumsum(f, dim));
            return grads(Refs.then(summed, s -> inner.flip(s, dims)));
        }, x);
    }

    @Override
    public TensorPrimitive argsort(TensorPrimitive tensor, int dim, boolean descending) {
        return wrap(inner.argsort(unwrap(tensor).inner(), dim, descending));
    }

    /** Sorted by gathering with argsort; backward scatters the gradient back to where each value came from. */
    @Override
    public TensorPrimitive sort(TensorPrimitive tensor, int dim, boolean descending) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        TensorPrimitive order = inner.argsort(x.inner(), dim, descending);
        try {
            return record("sort", inner.gather(x.inner(), dim, order), (saved, needs) -> {
                TensorPrimitive at = saved.keep(order);
                return g -> grads(Refs.then(zeros(in, g), z -> inner.scatter(z, dim, at, g, false)));
            }, x);
        } finally {
            order.release();
        }
    }
}
