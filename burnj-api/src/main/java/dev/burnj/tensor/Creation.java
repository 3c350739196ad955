package dev.burnj.tensor;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;

/** The creation logic behind the static factories of the concrete tensor classes, written once for every rank. */
final class Creation {
    private Creation() {}

    static Shape shape(Rank<?, ?, ?> rank, String op, int... dims) {
        if (dims.length != rank.rank()) {
            throw new IllegalArgumentException(op + ": " + dims.length + " sizes " + java.util.Arrays.toString(dims) + " for a rank-"
                    + rank.rank() + " tensor");
        }
        return Shape.of(dims);
    }

    static void checkRank(Rank<?, ?, ?> rank, String op, Shape shape) {
        if (shape.rank() != rank.rank()) {
            throw new IllegalArgumentException(op + ": shape " + shape + " for a rank-" + rank.rank() + " tensor");
        }
    }

    static <F extends FloatTensor<F, ?, ?>> F full(Rank<F, ?, ?> rank, Shape shape, double value, TensorOptions options) {
        checkRank(rank, "full", shape);
        return rank.floatTensor(NumericTensor.fullPrimitive(shape, value, options.dtype(Kind.FLOAT), options.device()));
    }

    static <I extends IntTensor<I, ?, ?>> I fullInt(Rank<?, I, ?> rank, Shape shape, long value, TensorOptions options) {
        checkRank(rank, "full", shape);
        return rank.intTensor(NumericTensor.fullPrimitive(shape, value, options.dtype(Kind.INT), options.device()));
    }

    static <B extends BoolTensor<B, ?, ?>> B fullBool(Rank<?, ?, B> rank, Shape shape, boolean value, TensorOptions options) {
        checkRank(rank, "full", shape);
        return rank.boolTensor(NumericTensor.fullPrimitive(shape, value ? 1 : 0, DType.BOOL, options.device()));
    }

    static <F extends FloatTensor<F, ?, ?>> F random(Rank<F, ?, ?> rank, Shape shape, Distribution dist, TensorOptions options) {
        checkRank(rank, "random", shape);
        return rank.floatTensor(NumericTensor.randomPrimitive(shape, dist, options.generator(), options.dtype(Kind.FLOAT), options.device()));
    }

    /** Wraps host data of any kind into the tensor class of {@code rank} matching the data's kind. */
    static TensorPrimitive upload(Rank<?, ?, ?> rank, TensorData data, Device device) {
        checkRank(rank, "from data", data.shape());
        NumericTensor.checkSupported(data.dtype(), device);
        return device.backend().fromData(data, device);
    }

    static <F extends FloatTensor<F, ?, ?>> F floats(Rank<F, ?, ?> rank, TensorData data, TensorOptions options) {
        if (!data.dtype().isFloat()) {
            throw new IllegalArgumentException("expected float data, got " + data.dtype());
        }
        return rank.floatTensor(upload(rank, data, options.device()));
    }

    static <I extends IntTensor<I, ?, ?>> I ints(Rank<?, I, ?> rank, TensorData data, TensorOptions options) {
        if (!data.dtype().isInt()) {
            throw new IllegalArgumentException("expected int data, got " + data.dtype());
        }
        return rank.intTensor(upload(rank, data, options.device()));
    }

    static <B extends BoolTensor<B, ?, ?>> B bools(Rank<?, ?, B> rank, TensorData data, TensorOptions options) {
        if (!data.dtype().isBool()) {
            throw new IllegalArgumentException("expected bool data, got " + data.dtype());
        }
        return rank.boolTensor(upload(rank, data, options.device()));
    }

    /** Flattens a rectangular nested Java array (float[][], double[][][], ...) into row-major host data. */
    static TensorData nested(Object array, int rank) {
        int[] dims = new int[rank];
        Object level = array;
        for (int d = 0; d < rank; d++) {
            dims[d] = java.lang.reflect.Array.getLength(level);
            if (d < rank - 1) {
                if (dims[d] == 0) {
                    break;
                }
                level = java.lang.reflect.Array.get(level, 0);
            }
        }
        Shape shape = Shape.of(dims);
        Class<?> leaf = leafType(array, rank);
        Object flat = java.lang.reflect.Array.newInstance(leaf, shape.numelInt());
        int[] cursor = {0};
        copy(array, 0, dims, flat, cursor);
        if (leaf == float.class) {
            return TensorData.of((float[]) flat, shape);
        } else if (leaf == double.class) {
            return TensorData.of((double[]) flat, shape);
        } else if (leaf == long.class) {
            return TensorData.of((long[]) flat, shape);
        } else if (leaf == int.class) {
            return TensorData.of((int[]) flat, shape);
        }
        return TensorData.of((boolean[]) flat, shape);
    }

    private static Class<?> leafType(Object array, int rank) {
        Class<?> c = array.getClass();
        for (int d = 0; d < rank; d++) {
            c = c.getComponentType();
        }
        return c;
    }

    private static void copy(Object level, int d, int[] dims, Object flat, int[] cursor) {
        int n = java.lang.reflect.Array.getLength(level);
        if (n != dims[d]) {
            throw new IllegalArgumentException("nested array is ragged: dimension " + d + " has lengths " + dims[d] + " and " + n);
        }
        if (d == dims.length - 1) {
            System.arraycopy(level, 0, flat, cursor[0], n);
            cursor[0] += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            copy(java.lang.reflect.Array.get(level, i), d + 1, dims, flat, cursor);
        }
    }
}
