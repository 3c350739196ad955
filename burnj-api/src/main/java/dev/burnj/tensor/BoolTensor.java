package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;

/** Boolean tensors of any rank (masks, comparison results). Concrete classes are {@link BoolTensor1} to {@link BoolTensor5}. */
public abstract sealed class BoolTensor<T extends BoolTensor<T, F, I>, F extends FloatTensor<F, I, T>, I extends IntTensor<I, F, T>>
        extends BaseTensor<T, F, I, T> permits BoolTensor1, BoolTensor2, BoolTensor3, BoolTensor4, BoolTensor5 {

    BoolTensor(TensorPrimitive primitive, Rank<F, I, T> rank) {
        super(primitive, rank);
    }

    @Override
    final T wrap(TensorPrimitive primitive) {
        return rankInfo().boolTensor(primitive);
    }

    @Override
    public final Kind kind() {
        return Kind.BOOL;
    }

    public final T and(T other) {
        OpChecks.binary("and", primitive(), other.primitive());
        return wrap(backend().and(primitive(), other.primitive()));
    }

    public final T or(T other) {
        OpChecks.binary("or", primitive(), other.primitive());
        return wrap(backend().or(primitive(), other.primitive()));
    }

    public final T xor(T other) {
        OpChecks.binary("xor", primitive(), other.primitive());
        return wrap(backend().xor(primitive(), other.primitive()));
    }

    public final T not() {
        return wrap(backend().not(primitive()));
    }

    /** True if any element is true. */
    public final boolean any() {
        TensorPrimitive p = backend().any(primitive());
        try {
            return backend().toData(p).toBooleans()[0];
        } finally {
            p.release();
        }
    }

    /** True if every element is true. */
    public final boolean all() {
        TensorPrimitive p = backend().all(primitive());
        try {
            return backend().toData(p).toBooleans()[0];
        } finally {
            p.release();
        }
    }

    /** The single value of a one-element tensor. */
    public final boolean item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor " + shape() + " has " + numel() + " elements, not 1");
        }
        return toData().toBooleans()[0];
    }

    /** All values, row-major. */
    public final boolean[] toBooleanArray() {
        return toData().toBooleans();
    }

    public final BoolTensor1 reshape(int d0) {
        return Rank.R1.boolTensor(reshapePrimitive("reshape", d0));
    }

    public final BoolTensor2 reshape(int d0, int d1) {
        return Rank.R2.boolTensor(reshapePrimitive("reshape", d0, d1));
    }

    public final BoolTensor3 reshape(int d0, int d1, int d2) {
        return Rank.R3.boolTensor(reshapePrimitive("reshape", d0, d1, d2));
    }

    public final BoolTensor4 reshape(int d0, int d1, int d2, int d3) {
        return Rank.R4.boolTensor(reshapePrimitive("reshape", d0, d1, d2, d3));
    }

    public final BoolTensor5 reshape(int d0, int d1, int d2, int d3, int d4) {
        return Rank.R5.boolTensor(reshapePrimitive("reshape", d0, d1, d2, d3, d4));
    }

    /** All elements in one dimension. */
    public final BoolTensor1 flatten() {
        return Rank.R1.boolTensor(reshapePrimitive("flatten", -1));
    }
}
