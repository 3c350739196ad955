package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;

/** A rank-1 integer tensor. Ops that keep the rank return IntTensor1; the others return the class of their result rank. */
public final class IntTensor1 extends IntTensor<IntTensor1, Tensor1, BoolTensor1> {
    IntTensor1(TensorPrimitive primitive) {
        super(primitive, Rank.R1);
    }

    /** Zeros of the default int dtype on the default device; the sizes, one per dimension. */
    public static IntTensor1 zeros(int... dims) {
        return full(Creation.shape(Rank.R1, "zeros", dims), 0, TensorOptions.defaults());
    }

    public static IntTensor1 ones(int... dims) {
        return full(Creation.shape(Rank.R1, "ones", dims), 1, TensorOptions.defaults());
    }

    public static IntTensor1 full(Shape shape, long value, TensorOptions options) {
        return Creation.fullInt(Rank.R1, shape, value, options);
    }

    /** I64 values from a rectangular Java array, on the default device. */
    public static IntTensor1 of(long[] values) {
        return of(values, TensorOptions.defaults());
    }

    /** Values from a rectangular Java array in the options' int dtype. */
    public static IntTensor1 of(long[] values, TensorOptions options) {
        TensorData data = Creation.nested(values, 1);
        return Creation.ints(Rank.R1, data.convert(options.dtype(Kind.INT)), options);
    }

    /** Uploads int host data of rank 1 to {@code device}. */
    public static IntTensor1 from(TensorData data, Device device) {
        return Creation.ints(Rank.R1, data, TensorOptions.on(device));
    }

    /** One-hot F32 encoding with a new last dimension of {@code numClasses}; every index must be in range. */
    public Tensor2 oneHot(int numClasses) {
        return Rank.R2.floatTensor(oneHotPrimitive(numClasses));
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public IntTensor2 unsqueeze(int dim) {
        return Rank.R2.intTensor(unsqueezePrimitive(dim));
    }

    /** {@code start, start + 1, ..., end - 1}. */
    public static IntTensor1 arange(long start, long end, TensorOptions options) {
        long n = Math.max(0, end - start);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: " + n + " elements are too many");
        }
        long[] v = new long[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + i;
        }
        return from(TensorData.of(v, Shape.of(v.length)).convert(options.dtype(Kind.INT)), options.device());
    }
}
