package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-4 float tensor. Ops that keep the rank return Tensor4; the others return the class of their result rank. */
public final class Tensor4 extends FloatTensor<Tensor4, IntTensor4, BoolTensor4> {
    Tensor4(TensorPrimitive primitive) {
        super(primitive, Rank.R4);
    }

    /** Zeros of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor4 zeros(int... dims) {
        return zeros(Creation.shape(Rank.R4, "zeros", dims), TensorOptions.defaults());
    }

    public static Tensor4 zeros(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R4, shape, 0.0, options);
    }

    /** Ones of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor4 ones(int... dims) {
        return ones(Creation.shape(Rank.R4, "ones", dims), TensorOptions.defaults());
    }

    public static Tensor4 ones(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R4, shape, 1.0, options);
    }

    public static Tensor4 full(Shape shape, double value, TensorOptions options) {
        return Creation.full(Rank.R4, shape, value, options);
    }

    /** Uniform samples on [0, 1) from the options' generator; the sizes, one per dimension. */
    public static Tensor4 rand(int... dims) {
        return random(Creation.shape(Rank.R4, "rand", dims), new Distribution.Uniform(0, 1), TensorOptions.defaults());
    }

    /** Standard normal samples from the options' generator; the sizes, one per dimension. */
    public static Tensor4 randn(int... dims) {
        return random(Creation.shape(Rank.R4, "randn", dims), new Distribution.Normal(0, 1), TensorOptions.defaults());
    }

    /** Uniform samples on [0, 1) with the given options. */
    public static Tensor4 rand(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Uniform(0, 1), options);
    }

    /** Standard normal samples with the given options. */
    public static Tensor4 randn(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Normal(0, 1), options);
    }

    /** Samples of {@code distribution}; the same seed gives the same values on every backend. */
    public static Tensor4 random(Shape shape, Distribution distribution, TensorOptions options) {
        return Creation.random(Rank.R4, shape, distribution, options);
    }

    /** F32 values from a rectangular Java array, on the default device. */
    public static Tensor4 of(float[][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** F32 values from a rectangular Java array (the options' dtype converts them). */
    public static Tensor4 of(float[][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 4);
        return Creation.floats(Rank.R4, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** F64 values from a rectangular Java array, on the default device. */
    public static Tensor4 of(double[][][][] values) {
        return of(values, TensorOptions.defaults().withDType(DType.F64));
    }

    /** Values from a rectangular Java array in the options' dtype. */
    public static Tensor4 of(double[][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 4);
        return Creation.floats(Rank.R4, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** Uploads float host data of rank 4 to {@code device}. */
    public static Tensor4 from(TensorData data, Device device) {
        return Creation.floats(Rank.R4, data, TensorOptions.on(device));
    }

    /** Stacks rank-3 tensors of one shape along a new dimension {@code dim}. */
    public static Tensor4 stack(List<Tensor3> parts, int dim) {
        return Rank.R4.floatTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor3 squeeze(int dim) {
        return Rank.R3.floatTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public Tensor3 get(int index) {
        return Rank.R3.floatTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor5 unsqueeze(int dim) {
        return Rank.R5.floatTensor(unsqueezePrimitive(dim));
    }
}
