package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-2 integer tensor. Ops that keep the rank return IntTensor2; the others return the class of their result rank. */
public final class IntTensor2 extends IntTensor<IntTensor2, Tensor2, BoolTensor2> {
    IntTensor2(TensorPrimitive primitive) {
        super(primitive, Rank.R2);
    }

    /** Zeros of the default int dtype on the default device; the sizes, one per dimension. */
    public static IntTensor2 zeros(int... dims) {
        return full(Creation.shape(Rank.R2, "zeros", dims), 0, TensorOptions.defaults());
    }

    public static IntTensor2 ones(int... dims) {
        return full(Creation.shape(Rank.R2, "ones", dims), 1, TensorOptions.defaults());
    }

    public static IntTensor2 full(Shape shape, long value, TensorOptions options) {
        return Creation.fullInt(Rank.R2, shape, value, options);
    }

    /** I64 values from a rectangular Java array, on the default device. */
    public static IntTensor2 of(long[][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** Values from a rectangular Java array in the options' int dtype. */
    public static IntTensor2 of(long[][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 2);
        return Creation.ints(Rank.R2, data.convert(options.dtype(Kind.INT)), options);
    }

    /** Uploads int host data of rank 2 to {@code device}. */
    public static IntTensor2 from(TensorData data, Device device) {
        return Creation.ints(Rank.R2, data, TensorOptions.on(device));
    }

    /** One-hot F32 encoding with a new last dimension of {@code numClasses}; every index must be in range. */
    public Tensor3 oneHot(int numClasses) {
        return Rank.R3.floatTensor(oneHotPrimitive(numClasses));
    }

    /** Stacks rank-1 tensors of one shape along a new dimension {@code dim}. */
    public static IntTensor2 stack(List<IntTensor1> parts, int dim) {
        return Rank.R2.intTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public IntTensor1 squeeze(int dim) {
        return Rank.R1.intTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public IntTensor1 get(int index) {
        return Rank.R1.intTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public IntTensor3 unsqueeze(int dim) {
        return Rank.R3.intTensor(unsqueezePrimitive(dim));
    }
}
