package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;

/** A rank-1 float tensor. Ops that keep the rank return Tensor1; the others return the class of their result rank. */
public final class Tensor1 extends FloatTensor<Tensor1, IntTensor1, BoolTensor1> {
    Tensor1(TensorPrimitive primitive) {
        super(primitive, Rank.R1);
    }

    /** Zeros of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor1 zeros(int... dims) {
        return zeros(Creation.shape(Rank.R1, "zeros", dims), TensorOptions.defaults());
    }

    public static Tensor1 zeros(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R1, shape, 0.0, options);
    }

    /** Ones of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor1 ones(int... dims) {
        return ones(Creation.shape(Rank.R1, "ones", dims), TensorOptions.defaults());
    }

    public static Tensor1 ones(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R1, shape, 1.0, options);
    }

    public static Tensor1 full(Shape shape, double value, TensorOptions options) {
        return Creation.full(Rank.R1, shape, value, options);
    }

    /** Uniform samples on [0, 1) from the options' generator; the sizes, one per dimension. */
    public static Tensor1 rand(int... dims) {
        return random(Creation.shape(Rank.R1, "rand", dims), new Distribution.Uniform(0, 1), TensorOptions.defaults());
    }

    /** Standard normal samples from the options' generator; the sizes, one per dimension. */
    public static Tensor1 randn(int... dims) {
        return random(Creation.shape(Rank.R1, "randn", dims), new Distribution.Normal(0, 1), TensorOptions.defaults());
    }

    /** Uniform samples on [0, 1) with the given options. */
    public static Tensor1 rand(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Uniform(0, 1), options);
    }

    /** Standard normal samples with the given options. */
    public static Tensor1 randn(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Normal(0, 1), options);
    }

    /** Samples of {@code distribution}; the same seed gives the same values on every backend. */
    public static Tensor1 random(Shape shape, Distribution distribution, TensorOptions options) {
        return Creation.random(Rank.R1, shape, distribution, options);
    }

    /** F32 values from a rectangular Java array, on the default device. */
    public static Tensor1 of(float[] values) {
        return of(values, TensorOptions.defaults());
    }

    /** F32 values from a rectangular Java array (the options' dtype converts them). */
    public static Tensor1 of(float[] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 1);
        return Creation.floats(Rank.R1, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** F64 values from a rectangular Java array, on the default device. */
    public static Tensor1 of(double[] values) {
        return of(values, TensorOptions.defaults().withDType(DType.F64));
    }

    /** Values from a rectangular Java array in the options' dtype. */
    public static Tensor1 of(double[] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 1);
        return Creation.floats(Rank.R1, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** Uploads float host data of rank 1 to {@code device}. */
    public static Tensor1 from(TensorData data, Device device) {
        return Creation.floats(Rank.R1, data, TensorOptions.on(device));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor2 unsqueeze(int dim) {
        return Rank.R2.floatTensor(unsqueezePrimitive(dim));
    }

    /** Values from {@code start} (inclusive) to {@code end} (exclusive) in steps of {@code step}, as {@code torch.arange}. */
    public static Tensor1 arange(double start, double end, double step, TensorOptions options) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: " + n + " elements are too many");
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + i * step;
        }
        return from(TensorData.fromDoubles(v, Shape.of(v.length), options.dtype(Kind.FLOAT)), options.device());
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end}, both included. */
    public static Tensor1 linspace(double start, double end, int steps, TensorOptions options) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        }
        double[] v = new double[steps];
        double delta = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            v[i] = i == steps - 1 ? end : start + i * delta;
        }
        return from(TensorData.fromDoubles(v, Shape.of(steps), options.dtype(Kind.FLOAT)), options.device());
    }
}
