package dev.burnj.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Host-side tensor values: a shape, a dtype and a row-major Java array ({@code float[]} for F32,
 * {@code double[]} for F64, {@code long[]} for I64, {@code int[]} for I32, {@code boolean[]} for BOOL).
 * It is how values cross the boundary between Java code and a backend, in both directions.
 * Instances are immutable as long as nobody mutates the array handed to a factory; {@link #values()} copies.
 */
public final class TensorData {
    private final Shape shape;
    private final DType dtype;
    private final Object array;

    private TensorData(Shape shape, DType dtype, Object array) {
        this.shape = Objects.requireNonNull(shape);
        this.dtype = Objects.requireNonNull(dtype);
        this.array = array;
        int length = java.lang.reflect.Array.getLength(array);
        if (length != shape.numel()) {
            throw new IllegalArgumentException("tensor data: shape " + shape + " needs " + shape.numel() + " values, got " + length);
        }
    }

    public static TensorData of(float[] values, Shape shape) {
        return new TensorData(shape, DType.F32, values);
    }

    public static TensorData of(double[] values, Shape shape) {
        return new TensorData(shape, DType.F64, values);
    }

    public static TensorData of(long[] values, Shape shape) {
        return new TensorData(shape, DType.I64, values);
    }

    public static TensorData of(int[] values, Shape shape) {
        return new TensorData(shape, DType.I32, values);
    }

    public static TensorData of(boolean[] values, Shape shape) {
        return new TensorData(shape, DType.BOOL, values);
    }

    /** Values given as doubles, stored in {@code dtype} (floats rounded, ints truncated toward zero, bools as != 0). */
    public static TensorData fromDoubles(double[] values, Shape shape, DType dtype) {
        return new TensorData(shape, dtype, convertDoubles(values, dtype));
    }

    /** {@code shape.numel()} copies of {@code value} in {@code dtype}. */
    public static TensorData filled(double value, Shape shape, DType dtype) {
        double[] v = new double[shape.numelInt()];
        Arrays.fill(v, value);
        return fromDoubles(v, shape, dtype);
    }

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return dtype;
    }

    public int size() {
        return java.lang.reflect.Array.getLength(array);
    }

    /**
     * The backing array without a copy, for backends moving data to a device. Callers must not mutate it.
     */
    public Object unsafeArray() {
        return array;
    }

    /** A copy of the backing array, typed according to {@link #dtype()}. */
    public Object values() {
        return switch (dtype) {
            case F32 -> ((float[]) array).clone();
            case F64 -> ((double[]) array).clone();
            case I64 -> ((long[]) array).clone();
            case I32 -> ((int[]) array).clone();
            case BOOL -> ((boolean[]) array).clone();
            default -> throw unsupported(dtype);
        };
    }

    /** Element {@code i} (row-major) as a double; bools read as 0 or 1. */
    public double getDouble(int i) {
        return switch (dtype) {
            case F32 -> ((float[]) array)[i];
            case F64 -> ((double[]) array)[i];
            case I64 -> ((long[]) array)[i];
            case I32 -> ((int[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1.0 : 0.0;
            default -> throw unsupported(dtype);
        };
    }

    /** Every element as a double, whatever the dtype. */
    public double[] toDoubles() {
        if (dtype == DType.F64) {
            return ((double[]) array).clone();
        }
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** Every element as a float, whatever the dtype. */
    public float[] toFloats() {
        if (dtype == DType.F32) {
            return ((float[]) array).clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** Every element as a long (floats truncated toward zero). */
    public long[] toLongs() {
        if (dtype == DType.I64) {
            return ((long[]) array).clone();
        }
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) getDouble(i);
        }
        return out;
    }

    /** Every element as an int (floats truncated toward zero). */
    public int[] toInts() {
        if (dtype == DType.I32) {
            return ((int[]) array).clone();
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (dtype == DType.I64 ? ((long[]) array)[i] : getDouble(i));
        }
        return out;
    }

    /** Every element as a boolean (non-zero is true). */
    public boolean[] toBooleans() {
        if (dtype == DType.BOOL) {
            return ((boolean[]) array).clone();
        }
        boolean[] out = new boolean[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i) != 0.0;
        }
        return out;
    }

    /** The same values in another dtype, with the conversions of {@link #fromDoubles}. */
    public TensorData convert(DType target) {
        if (target == dtype) {
            return this;
        }
        return switch (target) {
            case F32 -> of(toFloats(), shape);
            case F64 -> of(toDoubles(), shape);
            case I64 -> of(toLongs(), shape);
            case I32 -> of(toInts(), shape);
            case BOOL -> of(toBooleans(), shape);
            default -> throw unsupported(target);
        };
    }

    /** The same values viewed with another shape of the same element count. */
    public TensorData reshape(Shape newShape) {
        return new TensorData(newShape, dtype, array);
    }

    private static Object convertDoubles(double[] v, DType dtype) {
        return switch (dtype) {
            case F64 -> v.clone();
            case F32 -> {
                float[] o = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (float) v[i];
                }
                yield o;
            }
            case I64 -> {
                long[] o = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (long) v[i];
                }
                yield o;
            }
            case I32 -> {
                int[] o = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (int) v[i];
                }
                yield o;
            }
            case BOOL -> {
                boolean[] o = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = v[i] != 0.0;
                }
                yield o;
            }
            default -> throw unsupported(dtype);
        };
    }

    private static UnsupportedOperationException unsupported(DType dtype) {
        return new UnsupportedOperationException("host tensor data in " + dtype + " is not supported yet");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && t.shape.equals(shape) && t.dtype == dtype
                && Arrays.deepEquals(new Object[] {array}, new Object[] {t.array});
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, dtype, Arrays.deepHashCode(new Object[] {array}));
    }

    @Override
    public String toString() {
        return "TensorData" + shape + " " + dtype;
    }
}
