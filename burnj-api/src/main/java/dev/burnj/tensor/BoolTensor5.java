package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-5 boolean tensor. Ops that keep the rank return BoolTensor5; the others return the class of their result rank. */
public final class BoolTensor5 extends BoolTensor<BoolTensor5, Tensor5, IntTensor5> {
    BoolTensor5(TensorPrimitive primitive) {
        super(primitive, Rank.R5);
    }

    public static BoolTensor5 full(Shape shape, boolean value, TensorOptions options) {
        return Creation.fullBool(Rank.R5, shape, value, options);
    }

    /** Values from a rectangular Java array, on the default device. */
    public static BoolTensor5 of(boolean[][][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    public static BoolTensor5 of(boolean[][][][][] values, TensorOptions options) {
        return Creation.bools(Rank.R5, Creation.nested(values, 5), options);
    }

    /** Uploads bool host data of rank 5 to {@code device}. */
    public static BoolTensor5 from(TensorData data, Device device) {
        return Creation.bools(Rank.R5, data, TensorOptions.on(device));
    }

    /** Stacks rank-4 tensors of one shape along a new dimension {@code dim}. */
    public static BoolTensor5 stack(List<BoolTensor4> parts, int dim) {
        return Rank.R5.boolTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public BoolTensor4 squeeze(int dim) {
        return Rank.R4.boolTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public BoolTensor4 get(int index) {
        return Rank.R4.boolTensor(indexPrimitive(index));
    }
}
