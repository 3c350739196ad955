package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-5 integer tensor. Ops that keep the rank return IntTensor5; the others return the class of their result rank. */
public final class IntTensor5 extends IntTensor<IntTensor5, Tensor5, BoolTensor5> {
    IntTensor5(TensorPrimitive primitive) {
        super(primitive, Rank.R5);
    }

    /** Zeros of the default int dtype on the default device; the sizes, one per dimension. */
    public static IntTensor5 zeros(int... dims) {
        return full(Creation.shape(Rank.R5, "zeros", dims), 0, TensorOptions.defaults());
    }

    public static IntTensor5 ones(int... dims) {
        return full(Creation.shape(Rank.R5, "ones", dims), 1, TensorOptions.defaults());
    }

    public static IntTensor5 full(Shape shape, long value, TensorOptions options) {
        return Creation.fullInt(Rank.R5, shape, value, options);
    }

    /** I64 values from a rectangular Java array, on the default device. */
    public static IntTensor5 of(long[][][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    /** Values from a rectangular Java array in the options' int dtype. */
    public static IntTensor5 of(long[][][][][] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 5);
        return Creation.ints(Rank.R5, data.convert(options.dtype(Kind.INT)), options);
    }

    /** Uploads int host data of rank 5 to {@code device}. */
    public static IntTensor5 from(TensorData data, Device device) {
        return Creation.ints(Rank.R5, data, TensorOptions.on(device));
    }

    /** Stacks rank-4 tensors of one shape along a new dimension {@code dim}. */
    public static IntTensor5 stack(List<IntTensor4> parts, int dim) {
        return Rank.R5.intTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public IntTensor4 squeeze(int dim) {
        return Rank.R4.intTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public IntTensor4 get(int index) {
        return Rank.R4.intTensor(indexPrimitive(index));
    }
}
