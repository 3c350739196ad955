package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;

/**
 * Integer tensors of any rank (indices, labels, counts): arithmetic with floor division and floor modulo,
 * reductions, and conversion. Concrete classes are {@link IntTensor1} to {@link IntTensor5}.
 */
public abstract sealed class IntTensor<T extends IntTensor<T, F, B>, F extends FloatTensor<F, T, B>, B extends BoolTensor<B, F, T>>
        extends NumericTensor<T, F, T, B> permits IntTensor1, IntTensor2, IntTensor3, IntTensor4, IntTensor5 {

    IntTensor(TensorPrimitive primitive, Rank<F, T, B> rank) {
        super(primitive, rank);
    }

    @Override
    final T wrap(TensorPrimitive primitive) {
        return rankInfo().intTensor(primitive);
    }

    @Override
    public final Kind kind() {
        return Kind.INT;
    }

    /** Floor modulo; the result has the divisor's sign. */
    public final T remainder(T other) {
        return binary("remainder", other, (b, x, y) -> b.remainder(x, y));
    }

    /** Floor modulo by a scalar. */
    public final T remainder(long divisor) {
        if (divisor == 0) {
            throw new ArithmeticException("remainder: division by zero");
        }
        return wrap(backend().remainderScalar(primitive(), divisor));
    }

    /** Sum of all elements, shape {@code [1]}. */
    public final IntTensor1 sum() {
        return Rank.R1.intTensor(backend().sum(primitive()));
    }

    /** Product of all elements, shape {@code [1]}. */
    public final IntTensor1 prod() {
        return Rank.R1.intTensor(backend().prod(primitive()));
    }

    /** Largest element, shape {@code [1]}. */
    public final IntTensor1 max() {
        return Rank.R1.intTensor(backend().max(primitive()));
    }

    /** Smallest element, shape {@code [1]}. */
    public final IntTensor1 min() {
        return Rank.R1.intTensor(backend().min(primitive()));
    }

    /** The same values in another int dtype. */
    public final T cast(DType target) {
        if (!target.isInt()) {
            throw new IllegalArgumentException("cast: " + target + " is not an int dtype; use toFloat() or toBool()");
        }
        NumericTensor.checkSupported(target, device());
        return wrap(backend().cast(primitive(), target));
    }

    /** As a float tensor of {@code dtype}. */
    public final F toFloat(DType dtype) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("toFloat: " + dtype + " is not a float dtype");
        }
        return rankInfo().floatTensor(backend().cast(primitive(), dtype));
    }

    /** The single value of a one-element tensor. */
    public final long item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor " + shape() + " has " + numel() + " elements, not 1");
        }
        return toData().toLongs()[0];
    }

    /** All values, row-major. */
    public final long[] toLongArray() {
        return toData().toLongs();
    }

    /** All values, row-major, as ints (values outside the int range wrap). */
    public final int[] toIntArray() {
        return toData().toInts();
    }

    public final IntTensor1 reshape(int d0) {
        return Rank.R1.intTensor(reshapePrimitive("reshape", d0));
    }

    public final IntTensor2 reshape(int d0, int d1) {
        return Rank.R2.intTensor(reshapePrimitive("reshape", d0, d1));
    }

    public final IntTensor3 reshape(int d0, int d1, int d2) {
        return Rank.R3.intTensor(reshapePrimitive("reshape", d0, d1, d2));
    }

    public final IntTensor4 reshape(int d0, int d1, int d2, int d3) {
        return Rank.R4.intTensor(reshapePrimitive("reshape", d0, d1, d2, d3));
    }

    public final IntTensor5 reshape(int d0, int d1, int d2, int d3, int d4) {
        return Rank.R5.intTensor(reshapePrimitive("reshape", d0, d1, d2, d3, d4));
    }

    /** Reshapes to {@code shape}, whose rank must be that of the witness {@code rank}. */
    public final <J extends IntTensor<J, ?, ?>> J reshape(Shape shape, Rank<?, J, ?> rank) {
        Creation.checkRank(rank, "reshape", shape);
        return rank.intTensor(reshapePrimitive("reshape", shape.dims()));
    }

    /** All elements in one dimension. */
    public final IntTensor1 flatten() {
        return Rank.R1.intTensor(reshapePrimitive("flatten", -1));
    }

    /** Merges dims {@code start..end} (inclusive) into one; the result rank is checked against {@code rank}. */
    public final <J extends IntTensor<J, ?, ?>> J flatten(int start, int end, Rank<?, J, ?> rank) {
        return rank.intTensor(flattenPrimitive(start, end, rank.rank()));
    }

    /** One-hot encoding as floats with a new last dimension of {@code numClasses}; indices must be in range. */
    final TensorPrimitive oneHotPrimitive(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("oneHot: numClasses must be >= 1, got " + numClasses);
        }
        try (IntTensor1 mn = min(); IntTensor1 mx = max()) {
            long lo = mn.item();
            long hi = mx.item();
            if (numel() > 0 && (lo < 0 || hi >= numClasses)) {
                throw new IllegalArgumentException("oneHot: indices must be in [0, " + numClasses + "), found values in [" + lo + ", " + hi + "]");
            }
        }
        int[] dims = new int[rank() + 1];
        for (int i = 0; i < rank(); i++) {
            dims[i] = dim(i);
        }
        dims[rank()] = numClasses;
        Shape outShape = Shape.of(dims);
        var b = backend();
        TensorPrimitive idx = unsqueezePrimitive(rank());
        TensorPrimitive zeros = b.full(outShape, 0.0, DType.defaultFloat(), device());
        Shape idxShape = idx.shape();
        TensorPrimitive ones = b.full(idxShape, 1.0, DType.defaultFloat(), device());
        try {
            return b.scatter(zeros, rank(), idx, ones, false);
        } finally {
            idx.release();
            zeros.release();
            ones.release();
        }
    }
}
