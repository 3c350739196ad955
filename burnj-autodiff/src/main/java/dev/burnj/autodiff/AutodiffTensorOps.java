package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link dev.burnj.backend.TensorOps} of the autodiff backend: data transfer, casts, layout and indexing, with their
 * backward rules. Layout ops route the gradient back through the inverse layout change; indexing ops scatter it back.
 */
abstract class AutodiffTensorOps extends AutodiffCore {
    AutodiffTensorOps(Backend inner) {
        super(inner);
    }

    @Override
    public TensorPrimitive fromData(TensorData data, Device device) {
        return wrap(inner.fromData(data, innerDevice(device)));
    }

    @Override
    public TensorData toData(TensorPrimitive tensor) {
        return inner.toData(unwrap(tensor).inner());
    }

    @Override
    public TensorPrimitive full(Shape shape, double value, DType dtype, Device device) {
        return wrap(inner.full(shape, value, dtype, innerDevice(device)));
    }

    /** Float-to-float casts are differentiable: the gradient is cast back. Casts to or from int/bool are not. */
    @Override
    public TensorPrimitive cast(TensorPrimitive tensor, DType dtype) {
        AutodiffTensor x = unwrap(tensor);
        DType from = x.dtype();
        return record("cast", inner.cast(x.inner(), dtype), (saved, needs) -> g -> grads(inner.cast(g, from)), x);
    }

    @Override
    public TensorPrimitive reshape(TensorPrimitive tensor, Shape shape) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("reshape", inner.reshape(x.inner(), shape), (saved, needs) -> g -> grads(inner.reshape(g, in)), x);
    }

    @Override
    public TensorPrimitive permute(TensorPrimitive tensor, int[] axes) {
        AutodiffTensor x = unwrap(tensor);
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inverse[axes[i]] = i;
        }
        return record("permute", inner.permute(x.inner(), axes.clone()), (saved, needs) -> g -> grads(inner.permute(g, inverse)), x);
    }

    @Override
    public TensorPrimitive expand(TensorPrimitive tensor, Shape shape) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("expand", inner.expand(x.inner(), shape), (saved, needs) -> g -> grads(sumTo(g, in)), x);
    }

    @Override
    public TensorPrimitive slice(TensorPrimitive tensor, Slice[] slices) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        Slice[] s = slices.clone();
        return record("slice", inner.slice(x.inner(), s), (saved, needs) -> g -> grads(Refs.then(zeros(in, g), z -> inner.sliceAssign(z, s, g))), x);
    }

    /** The overwritten region of {@code tensor} gets no gradient; {@code values} gets the gradient of that region. */
    @Override
    public TensorPrimitive sliceAssign(TensorPrimitive tensor, Slice[] slices, TensorPrimitive values) {
        AutodiffTensor x = unwrap(tensor);
        AutodiffTensor v = unwrap(values);
        Slice[] s = slices.clone();
        Shape valueShape = v.shape();
        return record("sliceAssign", inner.sliceAssign(x.inner(), s, v.inner()), (saved, needs) -> g -> grads(
                needs[0] ? Refs.then(zeros(valueShape, g), z -> inner.sliceAssign(g, s, z)) : null,
                needs[1] ? inner.slice(g, s) : null), x, v);
    }

    @Override
    public TensorPrimitive cat(List<TensorPrimitive> tensors, int dim) {
        AutodiffTensor[] xs = new AutodiffTensor[tensors.size()];
        List<TensorPrimitive> inners = new ArrayList<>(xs.length);
        int[] sizes = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = unwrap(tensors.get(i));
            inners.add(xs[i].inner());
            sizes[i] = xs[i].shape().dim(dim);
        }
        return record("cat", inner.cat(inners, dim), (saved, needs) -> g -> {
            TensorPrimitive[] out = new TensorPrimitive[sizes.length];
            Slice[] s = whole(g.shape());
            int offset = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (needs[i]) {
                    s[dim] = Slice.range(offset, offset + sizes[i]);
                    out[i] = inner.slice(g, s.clone());
                }
                offset += sizes[i];
            }
            return out;
        }, xs);
    }

    @Override
    public TensorPrimitive flip(TensorPrimitive tensor, int[] dims) {
        AutodiffTensor x = unwrap(tensor);
        int[] d = dims.clone();
        return record("flip", inner.flip(x.inner(), d), (saved, needs) -> g -> grads(inner.flip(g, d)), x);
    }

    /** The tiles are summed back: the gradient is viewed as {@code [..., times, size, ...]} and reduced over the tiles. */
    @Override
    public TensorPrimitive repeat(TensorPrimitive tensor, int dim, int times) {
        AutodiffTensor x = unwrap(tensor);
        Shape in = x.shape();
        return record("repeat", inner.repeat(x.inner(), dim, times), (saved, needs) -> g -> {
            int[] dims = in.dims();
            int[] tiled = new int[dims.length + 1];
            System.arraycopy(dims, 0, tiled, 0, dim);
            tiled[dim] = times;
            System.arraycopy(dims, dim, tiled, dim + 1, dims.length - dim);
            TensorPrimitive summed = Refs.then(inner.reshape(g, Shape.of(tiled)), t -> inner.sumDim(t, dim));
            return grads(Refs.then(summed, t -> inner.reshape(t, in)));
        }, x);
    }

    @Override
    public TensorPrimitive gather(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        AutodiffTensor x = unwrap(tensor);
        AutodiffTensor idx = unwrap(indices);
        Shape in = x.shape();
        return record("gather", inner.gather(x.inner(), dim, idx.inner()), (saved, needs) -> {
            TensorPrimitive i = saved.keep(idx.inner());
            return g -> grads(Refs.then(zeros(in, g), z -> inner.scatter(z, dim, i, g, true)));
        }, x);
    }

    /**
     * With {@code add} both inputs get the gradient (values gathered at the indices). When assigning, the overwritten
     * positions of {@code tensor} get none, and of several values written to one position only the one that lands
     * (the last) gets the gradient gathered there.
     */
    @Override
    public TensorPrimitive scatter(TensorPrimitive tensor, int dim, TensorPrimitive indices, TensorPrimitive values, boolean add) {
        AutodiffTensor x = unwrap(tensor);
        AutodiffTensor idx = unwrap(indices);
        AutodiffTensor v = unwrap(values);
        Shape valueShape = v.shape();
        Shape tensorShape = x.shape();
        return record("scatter", inner.scatter(x.inner(), dim, idx.inner(), v.inner(), add), (saved, needs) -> {
            TensorPrimitive i = saved.keep(idx.inner());
            return g -> grads(
                    !needs[0] ? null : add ? g.retain() : Refs.then(zeros(valueShape, g), z -> inner.scatter(g, dim, i, z, false)),
                    !needs[1] ? null : add ? inner.gather(g, dim, i) : landedValuesGrad(g, dim, i, tensorShape));
        }, x, v);
    }

    /**
     * The gradient of assigned values: gathered at their positions, but zero for a value that a later duplicate index
     * overwrote. Which value landed is found by scattering each value's position id the same way and reading it back.
     */
    private TensorPrimitive landedValuesGrad(TensorPrimitive g, int dim, TensorPrimitive indices, Shape tensorShape) {
        Shape valueShape = indices.shape();
        long[] ids = new long[valueShape.numelInt()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = k;
        }
        TensorPrimitive own = inner.fromData(TensorData.of(ids, valueShape), g.device());
        TensorPrimitive landed = Refs.then(inner.full(tensorShape, -1, DType.I64, g.device()), empty -> inner.scatter(empty, dim, indices, own, false));
        TensorPrimitive readBack = Refs.then(landed, l -> inner.gather(l, dim, indices));
        TensorPrimitive overwritten = Refs.then(readBack, r -> inner.compare(r, own, Comparison.NE));
        own.release();
        try {
            return Refs.then(inner.gather(g, dim, indices), gathered -> inner.maskFill(gathered, overwritten, 0.0));
        } finally {
            overwritten.release();
        }
    }

    /** Repeated indices accumulate: the gradient is scatter-added back with the indices broadcast over the other dims. */
    @Override
    public TensorPrimitive indexSelect(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        AutodiffTensor x = unwrap(tensor);
        AutodiffTensor idx = unwrap(indices);
        Shape in = x.shape();
        return record("indexSelect", inner.indexSelect(x.inner(), dim, idx.inner()), (saved, needs) -> {
            TensorPrimitive i = saved.keep(idx.inner());
            return g -> {
                Shape along = Broadcasting.ones(in.rank()).withDim(dim, i.shape().dim(0));
                TensorPrimitive spread = Refs.then(inner.reshape(i, along), r -> inner.expand(r, g.shape()));
                try {
                    return grads(Refs.then(zeros(in, g), z -> inner.scatter(z, dim, spread, g, true)));
                } finally {
                    spread.release();
                }
            };
        }, x);
    }

    @Override
    public TensorPrimitive compare(TensorPrimitive lhs, TensorPrimitive rhs, Comparison op) {
        return wrap(inner.compare(unwrap(lhs).inner(), unwrap(rhs).inner(), op));
    }

    @Override
    public TensorPrimitive compareScalar(TensorPrimitive lhs, double rhs, Comparison op) {
        return wrap(inner.compareScalar(unwrap(lhs).inner(), rhs, op));
    }

    @Override
    public TensorPrimitive where(TensorPrimitive condition, TensorPrimitive onTrue, TensorPrimitive onFalse) {
        AutodiffTensor c = unwrap(condition);
        AutodiffTensor a = unwrap(onTrue);
        AutodiffTensor b = unwrap(onFalse);
        Shape aShape = a.shape();
        Shape bShape = b.shape();
        return record("where", inner.where(c.inner(), a.inner(), b.inner()), (saved, needs) -> {
            TensorPrimitive mask = saved.keep(c.inner());
            return g -> grads(
                    needs[0] ? reduceTo(Refs.then(inner.not(mask), m -> inner.maskFill(g, m, 0.0)), aShape) : null,
                    needs[1] ? reduceTo(inner.maskFill(g, mask, 0.0), bShape) : null);
        }, a, b);
    }

    @Override
    public TensorPrimitive maskFill(TensorPrimitive tensor, TensorPrimitive mask, double value) {
        AutodiffTensor x = unwrap(tensor);
        AutodiffTensor m = unwrap(mask);
        return record("maskFill", inner.maskFill(x.inner(), m.inner(), value), (saved, needs) -> {
            TensorPrimitive filled = saved.keep(m.inner());
            return g -> grads(inner.maskFill(g, filled, 0.0));
        }, x);
    }

    @Override
    public TensorPrimitive toDevice(TensorPrimitive tensor, Device device) {
        AutodiffTensor x = unwrap(tensor);
        Device source = x.inner().device();
        return record("toDevice", inner.toDevice(x.inner(), innerDevice(device)), (saved, needs) -> g -> grads(inner.toDevice(g, source)), x);
    }

    /** One full-range slice per dimension of {@code shape}. */
    static Slice[] whole(Shape shape) {
        Slice[] s = new Slice[shape.rank()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Slice.range(0, shape.dim(i));
        }
        return s;
    }
}
