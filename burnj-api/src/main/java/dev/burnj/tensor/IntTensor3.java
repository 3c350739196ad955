package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-3 integer tensor. Ops that keep the rank return IntTensor3; the others return the class of their result rank. */
public final class IntTensor3 extends IntTensor<IntTensor3, Tensor3, BoolTensor3> {
    IntTensor3(TensorPrimitive primitive) {
        super(primitive, Rank.R3);
    }

    /** Zeros of the default int dtype on the default device; the sizes, one per dimension. */
    public static IntTensor3 zeros(int... dims) {
        return full(Creation.shape(Rank.R3, "zeros", dims), 0, TensorOptions.defaults());
    }

    public static IntTensor3 ones(int... dims) {
        return full(Creation.shape(Rank.R3, "ones", dims), 1, TensorOptions.defaults());
    }

    public static IntTensor3 full(Shape shape, long value, TensorOptions options) {
        return Creation.fullInt(Rank.R3, shape, value, options);
    }

    /** I64 values from a rectangular Java array, on the default device. */
    public static IntTensor3 of(long[][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** Values from a rectangular Java array in the options' int dtype. */
    public static IntTensor3 of(long[][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 3);
        return Creation.ints(Rank.R3, data.convert(options.dtype(Kind.INT)), options);
    }

    /** Uploads int host data of rank 3 to {@code device}. */
    public static IntTensor3 from(TensorData data, Device device) {
        return Creation.ints(Rank.R3, data, TensorOptions.on(device));
    }

    /** One-hot F32 encoding with a new last dimension of {@code numClasses}; every index must be in range. */
    public Tensor4 oneHot(int numClasses) {
        return Rank.R4.floatTensor(oneHotPrimitive(numClasses));
    }

    /** Stacks rank-2 tensors of one shape along a new dimension {@code dim}. */
    public static IntTensor3 stack(List<IntTensor2> parts, int dim) {
        return Rank.R3.intTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public IntTensor2 squeeze(int dim) {
        return Rank.R2.intTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public IntTensor2 get(int index) {
        return Rank.R2.intTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public IntTensor4 unsqueeze(int dim) {
        return Rank.R4.intTensor(unsqueezePrimitive(dim));
    }
}
