package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-5 float tensor. Ops that keep the rank return Tensor5; the others return the class of their result rank. */
public final class Tensor5 extends FloatTensor<Tensor5, IntTensor5, BoolTensor5> {
    Tensor5(TensorPrimitive primitive) {
        super(primitive, Rank.R5);
    }

    /** Zeros of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor5 zeros(int... dims) {
        return zeros(Creation.shape(Rank.R5, "zeros", dims), TensorOptions.defaults());
    }

    public static Tensor5 zeros(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R5, shape, 0.0, options);
    }

    /** Ones of the default float dtype on the default device; the sizes, one per dimension. */
    public static Tensor5 ones(int... dims) {
        return ones(Creation.shape(Rank.R5, "ones", dims), TensorOptions.defaults());
    }

    public static Tensor5 ones(Shape shape, TensorOptions options) {
        return Creation.full(Rank.R5, shape, 1.0, options);
    }

    public static Tensor5 full(Shape shape, double value, TensorOptions options) {
        return Creation.full(Rank.R5, shape, value, options);
    }

    /** Uniform samples on [0, 1) from the options' generator; the sizes, one per dimension. */
    public static Tensor5 rand(int... dims) {
        return random(Creation.shape(Rank.R5, "rand", dims), new Distribution.Uniform(0, 1), TensorOptions.defaults());
    }

    /** Standard normal samples from the options' generator; the sizes, one per dimension. */
    public static Tensor5 randn(int... dims) {
        return random(Creation.shape(Rank.R5, "randn", dims), new Distribution.Normal(0, 1), TensorOptions.defaults());
    }

    /** Uniform samples on [0, 1) with the given options. */
    public static Tensor5 rand(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Uniform(0, 1), options);
    }

    /** Standard normal samples with the given options. */
    public static Tensor5 randn(Shape shape, TensorOptions options) {
        return random(shape, new Distribution.Normal(0, 1), options);
    }

    /** Samples of {@code distribution}; the same seed gives the same values on every backend. */
    public static Tensor5 random(Shape shape, Distribution distribution, TensorOptions options) {
        return Creation.random(Rank.R5, shape, distribution, options);
    }

    /** F32 values from a rectangular Java array, on the default device. */
    public static Tensor5 of(float[][][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** F32 values from a rectangular Java array (the options' dtype converts them). */
    public static Tensor5 of(float[][][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 5);
        return Creation.floats(Rank.R5, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** F64 values from a rectangular Java array, on the default device. */
    public static Tensor5 of(double[][][][][] values) {
        return of(values, TensorOptions.defaults().withDType(DType.F64));
    }

    /** Values from a rectangular Java array in the options' dtype. */
    public static Tensor5 of(double[][][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 5);
        return Creation.floats(Rank.R5, data.convert(options.dtype(Kind.FLOAT)), options);
    }

    /** Uploads float host data of rank 5 to {@code device}. */
    public static Tensor5 from(TensorData data, Device device) {
        return Creation.floats(Rank.R5, data, TensorOptions.on(device));
    }

    /** Stacks rank-4 tensors of one shape along a new dimension {@code dim}. */
    public static Tensor5 stack(List<Tensor4> parts, int dim) {
        return Rank.R5.floatTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor4 squeeze(int dim) {
        return Rank.R4.floatTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public Tensor4 get(int index) {
        return Rank.R4.floatTensor(indexPrimitive(index));
    }
}
