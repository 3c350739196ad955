package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.List;

/** A rank-2 boolean tensor. Ops that keep the rank return BoolTensor2; the others return the class of their result rank. */
public final class BoolTensor2 extends BoolTensor<BoolTensor2, Tensor2, IntTensor2> {
    BoolTensor2(TensorPrimitive primitive) {
        super(primitive, Rank.R2);
    }

    public static BoolTensor2 full(Shape shape, boolean value, TensorOptions options) {
        return Creation.fullBool(Rank.R2, shape, value, options);
    }

    /** Values from a rectangular Java array, on the default device. */
    public static BoolTensor2 of(boolean[][] values) {
        return of(values, TensorOptions.defaults());
    }

    public static BoolTensor2 of(boolean[][] values, TensorOptions options) {
        return Creation.bools(Rank.R2, Creation.nested(values, 2), options);
    }

    /** Uploads bool host data of rank 2 to {@code device}. */
    public static BoolTensor2 from(TensorData data, Device device) {
        return Creation.bools(Rank.R2, data, TensorOptions.on(device));
    }

    /** Stacks rank-1 tensors of one shape along a new dimension {@code dim}. */
    public static BoolTensor2 stack(List<BoolTensor1> parts, int dim) {
        return Rank.R2.boolTensor(stackPrimitive(parts, dim));
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public BoolTensor1 squeeze(int dim) {
        return Rank.R1.boolTensor(squeezePrimitive(dim));
    }

    /** Element {@code index} of dimension 0 (negative counts from the end), with that dimension removed. */
    public BoolTensor1 get(int index) {
        return Rank.R1.boolTensor(indexPrimitive(index));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public BoolTensor3 unsqueeze(int dim) {
        return Rank.R3.boolTensor(unsqueezePrimitive(dim));
    }
}
