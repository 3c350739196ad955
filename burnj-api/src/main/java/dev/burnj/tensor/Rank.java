package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.util.function.Function;

/**
 * A static rank: the float, int and bool tensor classes of one rank, used as a witness where the result rank of
 * an op is not implied by its arguments' types ({@code x.flatten(1, 3, Rank.R2)}, {@code Tensor.from(data, Rank.R3)}).
 *
 * @param <F> the float tensor class of this rank
 * @param <I> the int tensor class of this rank
 * @param <B> the bool tensor class of this rank
 */
public final class Rank<F extends FloatTensor<F, I, B>, I extends IntTensor<I, F, B>, B extends BoolTensor<B, F, I>> {
    public static final Rank<Tensor1, IntTensor1, BoolTensor1> R1 = new Rank<>(1, Tensor1::new, IntTensor1::new, BoolTensor1::new);
    public static final Rank<Tensor2, IntTensor2, BoolTensor2> R2 = new Rank<>(2, Tensor2::new, IntTensor2::new, BoolTensor2::new);
    public static final Rank<Tensor3, IntTensor3, BoolTensor3> R3 = new Rank<>(3, Tensor3::new, IntTensor3::new, BoolTensor3::new);
    public static final Rank<Tensor4, IntTensor4, BoolTensor4> R4 = new Rank<>(4, Tensor4::new, IntTensor4::new, BoolTensor4::new);
    public static final Rank<Tensor5, IntTensor5, BoolTensor5> R5 = new Rank<>(5, Tensor5::new, IntTensor5::new, BoolTensor5::new);

    /** The largest rank with tensor classes. */
    public static final int MAX = 5;

    private final int rank;
    private final Function<TensorPrimitive, F> floats;
    private final Function<TensorPrimitive, I> ints;
    private final Function<TensorPrimitive, B> bools;

    private Rank(int rank, Function<TensorPrimitive, F> floats, Function<TensorPrimitive, I> ints, Function<TensorPrimitive, B> bools) {
        this.rank = rank;
        this.floats = floats;
        this.ints = ints;
        this.bools = bools;
    }

    /** The number of dimensions. */
    public int rank() {
        return rank;
    }

    /** Wraps a float primitive of this rank, taking over its reference. */
    F floatTensor(TensorPrimitive primitive) {
        return floats.apply(check(primitive, Kind.FLOAT));
    }

    /** Wraps an int primitive of this rank, taking over its reference. */
    I intTensor(TensorPrimitive primitive) {
        return ints.apply(check(primitive, Kind.INT));
    }

    /** Wraps a bool primitive of this rank, taking over its reference. */
    B boolTensor(TensorPrimitive primitive) {
        return bools.apply(check(primitive, Kind.BOOL));
    }

    private TensorPrimitive check(TensorPrimitive p, Kind kind) {
        if (p.shape().rank() != rank || p.dtype().kind() != kind) {
            DType dtype = p.dtype();
            p.release();
            throw new IllegalStateException("backend returned a " + dtype + " tensor of shape " + p.shape() + " where a rank-" + rank + " "
                    + kind + " tensor was expected");
        }
        return p;
    }

    @Override
    public String toString() {
        return "R" + rank;
    }
}
