package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-3 float tensor. Ops that keep the rank return Tensor3; the others return the class of their result rank. */
public final class Tensor3 extends FloatTensor<Tensor3, IntTensor3, BoolTensor3> {
    Tensor3(TensorPrimitive primitive) {
        super(primitive, Rank.R3);
    }

    /** Zeros of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor3 zeros(int... dims) {
        return zeros(Creation.shape(Rank.R3, "zeros", dims), TensorOptions.defaults());
    }

    public static Tensor3 zeros(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R3, shape, 0.0, options);
    }

    /** Ones of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor3 ones(int... dims) {
        return ones(Creation.shape(Rank.R3, "ones", dims), TensorOptions.defaults());
    }

    public static Tensor3 ones(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R3, shape, 1.0, options);
    }

    public static Tensor3 full(Shape shape, double value, TensorOptions options) {
        return Creation.full(Rank.R3, shape, value, options);
    }

    /** Uniform samples on [0, 1) from the options' generator; the sizes, one per dimension. */
    public static Tensor3 rand(int... dims) {
        return random(Creation.shape(Rank.R3, "rand", dims), new Distribution.Uniform(0, 1), TensorOptions.defaults());
    }

    /** Standard normal samples from the options' generator; the sizes, one per dimension. */
    public static Tensor3 randn(int... dims) {
        return random(Creation.shape(Rank.R3, "randn", dims), new Distribution.Normal(0, 1), TensorOptions.defaults());
    }

    /** Uniform samples on [0, 1) with the given options. */
    public static Tensor3 rand(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Uniform(0, 1), options);
    }

    /** Standard normal samples with the given options. */
    public static Tensor3 randn(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Normal(0, 1), options);
    }

    /** Samples of {@code distribution}; the same seed gives the same values on every backend. */
    public static Tensor3 random(Shape shape, Distribution distribution, TensorOptions options) {
        return Creation.random(Rank.R3, shape, distribution, options);
    }

    /** F32 values from a rectangular Java array, on the default device. */
    public static Tensor3 of(float[][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** F32 values from a rectangular Java array (the options' dtype converts them). */
    public static Tensor3 of(float[][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 3);
        return Creation.floats(Rank.R3, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** F64 values from a rectangular Java array, on the default device. */
    public static Tensor3 of(double[][][] values) {
        return of(values, TensorOptions.defaults().withDType(DType.F64));
    }

    /** Values from a rectangular Java array in the options' dtype. */
    public static Tensor3 of(double[][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 3);
        return Creation.floats(Rank.R3, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** Uploads float host data of rank 3 to {@code device}. */
    public static Tensor3 from(TensorData data, Device device) {
        return Creation.floats(Rank.R3, data, TensorOptions.on(device));
    }

    /** Stacks rank-2 tensors of one shape along a new dimension {@code dim}. */
    public static Tensor3 stack(List<Tensor2> parts, int dim) {
        return Rank.R3.floatTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor2 squeeze(int dim) {
        return Rank.R2.floatTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public Tensor2 get(int index) {
        return Rank.R2.floatTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor4 unsqueeze(int dim) {
        return Rank.R4.floatTensor(unsqueezePrimitive(dim));
    }
}
