package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-3 boolean tensor. Ops that keep the rank return BoolTensor3; the others return the class of their result rank. */
public final class BoolTensor3 extends BoolTensor<BoolTensor3, Tensor3, IntTensor3> {
    BoolTensor3(TensorPrimitive primitive) {
        super(primitive, Rank.R3);
    }

    public static BoolTensor3 full(Shape shape, boolean value, TensorOptions options) {
        return Creation.fullBool(Rank.R3, shape, value, options);
    }

    /** Values from a rectangular Java array, on the default device. */
    public static BoolTensor3 of(boolean[][][] values) {
        return of(values, TensorOptions.defaults());
    }

    public static BoolTensor3 of(boolean[][][] values, TensorOptions options) {
        return Creation.bools(Rank.R3, Creation.nested(values, 3), options);
    }

    /** Uploads bool host data of rank 3 to {@code device}. */
    public static BoolTensor3 from(TensorData data, Device device) {
        return Creation.bools(Rank.R3, data, TensorOptions.on(device));
    }

    /** Stacks rank-2 tensors of one shape along a new dimension {@code dim}. */
    public static BoolTensor3 stack(List<BoolTensor2> parts, int dim) {
        return Rank.R3.boolTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public BoolTensor2 squeeze(int dim) {
        return Rank.R2.boolTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public BoolTensor2 get(int index) {
        return Rank.R2.boolTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public BoolTensor4 unsqueeze(int dim) {
        return Rank.R4.boolTensor(unsqueezePrimitive(dim));
    }
}
