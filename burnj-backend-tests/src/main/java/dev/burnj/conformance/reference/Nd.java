package dev.burnj.conformance.reference;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;

/**
 * A mutable row-major array of doubles with a shape: the working representation of every reference
 * computation. Values are exact for every dtype the suite uses (small integers, bools as 0/1, F32 widened).
 */
public final class Nd {
    final int[] shape;
    final int[] strides;
    final double[] v;

    Nd(int[] shape, double[] values) {
        this.shape = shape.clone();
        this.strides = stridesOf(this.shape);
        if (values.length != numel(this.shape)) {
            throw new IllegalArgumentException("reference: " + values.length + " values for shape " + Arrays.toString(shape));
        }
        this.v = values;
    }

    /** The values of {@code data} widened to double. */
    public static Nd of(TensorData data) {
        return new Nd(data.shape().dims(), data.toDoubles());
    }

    /** Zeros of {@code shape}. */
    public static Nd zeros(int... shape) {
        return new Nd(shape, new double[numel(shape)]);
    }

    /** Converts to {@code dtype}; callers pass values that are exact in it (truncation is done by the reference op). */
    public TensorData to(DType dtype) {
        return TensorData.fromDoubles(v, Shape.of(shape), dtype);
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return v.length;
    }

    public int dim(int d) {
        return shape[d];
    }

    int offset(int[] idx) {
        int o = 0;
        for (int i = 0; i < idx.length; i++) {
            o += idx[i] * strides[i];
        }
        return o;
    }

    /** The multi-index of row-major position {@code flat}, written into {@code out}. */
    void unravel(int flat, int[] out) {
        for (int i = 0; i < shape.length; i++) {
            out[i] = strides[i] == 0 ? 0 : (flat / strides[i]) % Math.max(1, shape[i]);
        }
    }

    double get(int... idx) {
        return v[offset(idx)];
    }

    void set(double value, int... idx) {
        v[offset(idx)] = value;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int[] stridesOf(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The element of a size-1-broadcast operand of shape {@code shape} at output index {@code outIdx}. */
    double broadcastGet(int[] outIdx) {
        int o = 0;
        for (int i = 0; i < shape.length; i++) {
            o += (shape[i] == 1 ? 0 : outIdx[i]) * strides[i];
        }
        return v[o];
    }
}
