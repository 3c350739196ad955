package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-4 boolean tensor. Ops that keep the rank return BoolTensor4; the others return the class of their result rank. */
public final class BoolTensor4 extends BoolTensor<BoolTensor4, Tensor4, IntTensor4> {
    BoolTensor4(TensorPrimitive primitive) {
        super(primitive, Rank.R4);
    }

    public static BoolTensor4 full(Shape shape, boolean value, TensorOptions options) {
        return Creation.fullBool(Rank.R4, shape, value, options);
    }

    /** Values from a rectangular Java array, on the default device. */
    public static BoolTensor4 of(boolean[][][][] values) {
        return of(values, TensorOptions.defaults());
    }

    public static BoolTensor4 of(boolean[][][][] values, TensorOptions options) {
        return Creation.bools(Rank.R4, Creation.nested(values, 4), options);
    }

    /** Uploads bool host data of rank 4 to {@code device}. */
    public static BoolTensor4 from(TensorData data, Device device) {
        return Creation.bools(Rank.R4, data, TensorOptions.on(device));
    }

    /** Stacks rank-3 tensors of one shape along a new dimension {@code dim}. */
    public static BoolTensor4 stack(List<BoolTensor3> parts, int dim) {
        return Rank.R4.boolTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public BoolTensor3 squeeze(int dim) {
        return Rank.R3.boolTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public BoolTensor3 get(int index) {
        return Rank.R3.boolTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public BoolTensor5 unsqueeze(int dim) {
        return Rank.R5.boolTensor(unsqueezePrimitive(dim));
    }
}
