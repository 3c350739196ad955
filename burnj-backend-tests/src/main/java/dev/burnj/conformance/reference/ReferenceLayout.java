package dev.burnj.conformance.reference;

import dev.burnj.backend.PadMode;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.List;

/** Reference layout and indexing ops: index arithmetic over row-major arrays, one output element at a time. */
public final class ReferenceLayout {
    private ReferenceLayout() {}

    public static TensorData reshape(TensorData a, Shape shape) {
        return new Nd(shape.dims(), a.toDoubles()).to(a.dtype());
    }

    /** Result dim {@code i} is input dim {@code axes[i]}. */
    public static TensorData permute(TensorData a, int[] axes) {
        Nd x = Nd.of(a);
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = x.shape[axes[i]];
        }
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        int[] src = new int[shape.length];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            for (int d = 0; d < axes.length; d++) {
                src[axes[d]] = idx[d];
            }
            out.v[i] = x.v[x.offset(src)];
        }
        return out.to(a.dtype());
    }

    public static TensorData expand(TensorData a, Shape shape) {
        Nd x = Nd.of(a);
        Nd out = Nd.zeros(shape.dims());
        int[] idx = new int[out.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            out.v[i] = x.broadcastGet(idx);
        }
        return out.to(a.dtype());
    }

    /** The elements selected by resolved slices. */
    public static TensorData slice(TensorData a, Slice[] slices) {
        Nd x = Nd.of(a);
        int[] shape = new int[x.rank()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = slices[d].length();
        }
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        int[] src = new int[shape.length];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            for (int d = 0; d < shape.length; d++) {
                src[d] = slices[d].start() + idx[d] * slices[d].step();
            }
            out.v[i] = x.v[x.offset(src)];
        }
        return out.to(a.dtype());
    }

    public static TensorData sliceAssign(TensorData a, Slice[] slices, TensorData values) {
        Nd out = Nd.of(a);
        Nd val = Nd.of(values);
        int[] idx = new int[out.rank()];
        int[] dst = new int[out.rank()];
        for (int i = 0; i < val.size(); i++) {
            val.unravel(i, idx);
            for (int d = 0; d < dst.length; d++) {
                dst[d] = slices[d].start() + idx[d] * slices[d].step();
            }
            out.v[out.offset(dst)] = val.v[i];
        }
        return out.to(a.dtype());
    }

    public static TensorData cat(List<TensorData> parts, int dim) {
        int[] shape = parts.get(0).shape().dims();
        shape[dim] = 0;
        for (TensorData p : parts) {
            shape[dim] += p.shape().dim(dim);
        }
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        int base = 0;
        for (TensorData p : parts) {
            Nd x = Nd.of(p);
            for (int i = 0; i < x.size(); i++) {
                x.unravel(i, idx);
                idx[dim] += base;
                out.v[out.offset(idx)] = x.v[i];
            }
            base += x.shape[dim];
        }
        return out.to(parts.get(0).dtype());
    }

    public static TensorData flip(TensorData a, int[] dims) {
        Nd x = Nd.of(a);
        Nd out = Nd.zeros(x.shape);
        int[] idx = new int[x.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            for (int d : dims) {
                idx[d] = x.shape[d] - 1 - idx[d];
            }
            out.v[i] = x.v[x.offset(idx)];
        }
        return out.to(a.dtype());
    }

    public static TensorData repeat(TensorData a, int dim, int times) {
        Nd x = Nd.of(a);
        int[] shape = x.shape.clone();
        shape[dim] *= times;
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            idx[dim] %= x.shape[dim];
            out.v[i] = x.v[x.offset(idx)];
        }
        return out.to(a.dtype());
    }

    /** {@code out[..i..] = a[..index[..i..]..]} along {@code dim}. */
    public static TensorData gather(TensorData a, int dim, TensorData indices) {
        Nd x = Nd.of(a);
        Nd ix = Nd.of(indices);
        Nd out = Nd.zeros(ix.shape);
        int[] idx = new int[ix.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            idx[dim] = (int) ix.v[i];
            out.v[i] = x.v[x.offset(idx)];
        }
        return out.to(a.dtype());
    }

    /** Writes (or adds) {@code values} at {@code indices} along {@code dim} in row-major order, so the last duplicate wins. */
    public static TensorData scatter(TensorData a, int dim, TensorData indices, TensorData values, boolean add) {
        Nd out = Nd.of(a);
        Nd ix = Nd.of(indices);
        Nd val = Nd.of(values);
        int[] idx = new int[ix.rank()];
        for (int i = 0; i < ix.size(); i++) {
            ix.unravel(i, idx);
            idx[dim] = (int) ix.v[i];
            int o = out.offset(idx);
            out.v[o] = add ? out.v[o] + val.v[i] : val.v[i];
        }
        return out.to(a.dtype());
    }

    public static TensorData indexSelect(TensorData a, int dim, TensorData indices) {
        Nd x = Nd.of(a);
        double[] ix = indices.toDoubles();
        int[] shape = x.shape.clone();
        shape[dim] = ix.length;
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            idx[dim] = (int) ix[idx[dim]];
            out.v[i] = x.v[x.offset(idx)];
        }
        return out.to(a.dtype());
    }

    /** Pads dim {@code d} by {@code padding[2d]} before and {@code padding[2d+1]} after. */
    public static TensorData pad(TensorData a, int[] padding, PadMode mode, double value) {
        Nd x = Nd.of(a);
        int[] shape = x.shape.clone();
        for (int d = 0; d < shape.length; d++) {
            shape[d] += padding[2 * d] + padding[2 * d + 1];
        }
        Nd out = Nd.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            boolean inside = true;
            for (int d = 0; d < shape.length; d++) {
                int s = idx[d] - padding[2 * d];
                int n = x.shape[d];
                if (s < 0 || s >= n) {
                    switch (mode) {
                        case CONSTANT -> inside = false;
                        case REPLICATE -> s = s < 0 ? 0 : n - 1;
                        case REFLECT -> s = s < 0 ? -s : 2 * (n - 1) - s;
                    }
                }
                idx[d] = s;
            }
            out.v[i] = inside ? x.v[x.offset(idx)] : value;
        }
        return out.to(a.dtype());
    }

    /** Rows of {@code weight [vocab, dim]} for each index of {@code indices [batch, seq]}. */
    public static TensorData embedding(TensorData weight, TensorData indices) {
        Nd w = Nd.of(weight);
        Nd ix = Nd.of(indices);
        int dim = w.shape[1];
        Nd out = Nd.zeros(ix.shape[0], ix.shape[1], dim);
        for (int i = 0; i < ix.size(); i++) {
            int row = (int) ix.v[i];
            System.arraycopy(w.v, row * dim, out.v, i * dim, dim);
        }
        return out.to(weight.dtype());
    }
}
