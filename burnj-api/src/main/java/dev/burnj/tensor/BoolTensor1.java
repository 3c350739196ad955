package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;

/** A rank-1 boolean tensor. Ops that keep the rank return BoolTensor1; the others return the class of their result rank. */
public final class BoolTensor1 extends BoolTensor<BoolTensor1, Tensor1, IntTensor1> {
    BoolTensor1(TensorPrimitive primitive) {
        super(primitive, Rank.R1);
    }

    public static BoolTensor1 full(Shape shape, boolean value, TensorOptions options) {
        return Creation.fullBool(Rank.R1, shape, value, options);
    }

    /** Values from a rectangular Java array, on the default device. */
    public static BoolTensor1 of(boolean[] values) {
        return of(values, TensorOptions.defaults());
    }

    public static BoolTensor1 of(boolean[] values, TensorOptions options) {
        return Creation.bools(Rank.R1, Creation.nested(values, 1), options);
    }

    /** Uploads bool host data of rank 1 to {@code device}. */
    public static BoolTensor1 from(TensorData data, Device device) {
        return Creation.bools(Rank.R1, data, TensorOptions.on(device));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public BoolTensor2 unsqueeze(int dim) {
        return Rank.R2.boolTensor(unsqueezePrimitive(dim));
    }
}
