package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-2 float tensor. Ops that keep the rank return Tensor2; the others return the class of their result rank. */
public final class Tensor2 extends FloatTensor<Tensor2, IntTensor2, BoolTensor2> {
    Tensor2(TensorPrimitive primitive) {
        super(primitive, Rank.R2);
    }

    /** Zeros of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor2 zeros(int... dims) {
        return zeros(Creation.shape(Rank.R2, "zeros", dims), TensorOptions.defaults());
    }

    public static Tensor2 zeros(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R2, shape, 0.0, options);
    }

    /** Ones of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor2 ones(int... dims) {
        return ones(Creation.shape(Rank.R2, "ones", dims), TensorOptions.defaults());
    }

    public static Tensor2 ones(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R2, shape, 1.0, options);
    }

    public static Tensor2 full(Shape shape, double value, TensorOptions options) {
        return Creation.full(Rank.R2, shape, value, options);
    }

    /** Uniform samples on [0, 1) from the options' generator; the sizes, one per dimension. */
    public static Tensor2 rand(int... dims) {
        return random(Creation.shape(Rank.R2, "rand", dims), new Distribution.Uniform(0, 1), TensorOptions.defaults());
    }

    /** Standard normal samples from the options' generator; the sizes, one per dimension. */
    public static Tensor2 randn(int... dims) {
        return random(Creation.shape(Rank.R2, "randn", dims), new Distribution.Normal(0, 1), TensorOptions.defaults());
    }

    /** Uniform samples on [0, 1) with the given options. */
    public static Tensor2 rand(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Uniform(0, 1), options);
    }

    /** Standard normal samples with the given options. */
    public static Tensor2 randn(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Normal(0, 1), options);
    }

    /** Samples of {@code distribution}; the same seed gives the same values on every backend. */
    public static Tensor2 random(Shape shape, Distribution distribution, TensorOptions options) {
        return Creation.random(Rank.R2, shape, distribution, options);
    }

    /** F32 values from a rectangular Java array, on the default device. */
    public static Tensor2 of(float[][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** F32 values from a rectangular Java array (the options' dtype converts them). */
    public static Tensor2 of(float[][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 2);
        return Creation.floats(Rank.R2, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** F64 values from a rectangular Java array, on the default device. */
    public static Tensor2 of(double[][] values) {
        return of(values, TensorOptions.defaults().withDType(DType.F64));
    }

    /** Values from a rectangular Java array in the options' dtype. */
    public static Tensor2 of(double[][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 2);
        return Creation.floats(Rank.R2, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** Uploads float host data of rank 2 to {@code device}. */
    public static Tensor2 from(TensorData data, Device device) {
        return Creation.floats(Rank.R2, data, TensorOptions.on(device));
    }

    /** Stacks rank-1 tensors of one shape along a new dimension {@code dim}. */
    public static Tensor2 stack(List<Tensor1> parts, int dim) {
        return Rank.R2.floatTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor1 squeeze(int dim) {
        return Rank.R1.floatTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public Tensor1 get(int index) {
        return Rank.R1.floatTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor3 unsqueeze(int dim) {
        return Rank.R3.floatTensor(unsqueezePrimitive(dim));
    }

    /** The {@code n x n} identity matrix. */
    public static Tensor2 eye(int n, TensorOptions options) {
        if (n < 0) {
            throw new IllegalArgumentException("eye: n must be >= 0, got " + n);
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1.0;
        }
        return from(TensorData.fromDoubles(v, Shape.of(n, n), options.dtype(Kind.FLOAT)), options.device());
    }
}
