package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-4 integer tensor. Ops that keep the rank return IntTensor4; the others return the class of their result rank. */
public final class IntTensor4 extends IntTensor<IntTensor4, Tensor4, BoolTensor4> {
    IntTensor4(TensorPrimitive primitive) {
        super(primitive, Rank.R4);
    }

    /** Zeros of the default int dtype on the default device; the sizes, one per dimension. */
    public static IntTensor4 zeros(int... dims) {
        return full(Creation.shape(Rank.R4, "zeros", dims), 0, TensorOptions.defaults());
    }

    public static IntTensor4 ones(int... dims) {
        return full(Creation.shape(Rank.R4, "ones", dims), 1, TensorOptions.defaults());
    }

    public static IntTensor4 full(Shape shape, long value, TensorOptions options) {
        return Creation.fullInt(Rank.R4, shape, value, options);
    }

    /** I64 values from a rectangular Java array, on the default device. */
    public static IntTensor4 of(long[][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** Values from a rectangular Java array in the options' int dtype. */
    public static IntTensor4 of(long[][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 4);
        return Creation.ints(Rank.R4, data.convert(options.dtype(Kind.INT)), options);
    }

    /** Uploads int host data of rank 4 to {@code device}. */
    public static IntTensor4 from(TensorData data, Device device) {
        return Creation.ints(Rank.R4, data, TensorOptions.on(device));
    }

    /** One-hot F32 encoding with a new last dimension of {@code numClasses}; every index must be in range. */
    public Tensor5 oneHot(int numClasses) {
        return Rank.R5.floatTensor(oneHotPrimitive(numClasses));
    }

    /** Stacks rank-3 tensors of one shape along a new dimension {@code dim}. */
    public static IntTensor4 stack(List<IntTensor3> parts, int dim) {
        return Rank.R4.intTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public IntTensor3 squeeze(int dim) {
        return Rank.R3.intTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public IntTensor3 get(int index) {
        return Rank.R3.intTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public IntTensor5 unsqueeze(int dim) {
        return Rank.R5.intTensor(unsqueezePrimitive(dim));
    }
}
