package dev.burnj.conformance.support;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.SplittableRandom;

/**
 * Host-side inputs: builders for {@link TensorData} and seeded generators of values with the properties a
 * check needs (distinct, away from kinks, positive, integer). Every generator is deterministic in its seed.
 */
public final class Data {
    private Data() {}

    public static Shape shape(int... dims) {
        return Shape.of(dims);
    }

    /** {@code values} stored as {@code dtype} (floats rounded, ints truncated, bools as non-zero). */
    public static TensorData of(DType dtype, Shape shape, double... values) {
        return TensorData.fromDoubles(values, shape, dtype);
    }

    public static TensorData f64(Shape shape, double... values) {
        return of(DType.F64, shape, values);
    }

    public static TensorData i64(Shape shape, long... values) {
        return TensorData.of(values.clone(), shape);
    }

    public static TensorData bools(Shape shape, boolean... values) {
        return TensorData.of(values.clone(), shape);
    }

    /** {@code n} values uniform in {@code [lo, hi)}. */
    public static double[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    /** {@code n} integers in {@code [lo, hi]}, as doubles. */
    public static double[] ints(long seed, int n, int lo, int hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(lo, hi + 1);
        }
        return v;
    }

    /**
     * {@code n} values in {@code [lo, hi)} that are pairwise at least {@code gap} apart and at least {@code gap}
     * from each of {@code avoid}: inputs for ops with kinks or ties (abs, relu, clamp, max, sort, pooling), so a
     * finite-difference step never crosses one.
     */
    public static double[] separated(long seed, int n, double lo, double hi, double gap, double... avoid) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        int tries = 0;
        for (int i = 0; i < n; ) {
            if (++tries > 1_000_000) {
                throw new IllegalArgumentException("cannot place " + n + " values " + gap + " apart in [" + lo + ", " + hi + ")");
            }
            double x = lo + (hi - lo) * r.nextDouble();
            if (farFrom(x, avoid, avoid.length, gap) && farFrom(x, v, i, gap)) {
                v[i++] = x;
            }
        }
        return v;
    }

    private static boolean farFrom(double x, double[] others, int count, double gap) {
        for (int j = 0; j < count; j++) {
            if (Math.abs(x - others[j]) < gap) {
                return false;
            }
        }
        return true;
    }

    /** {@code start, start + step, ...} ({@code n} values). */
    public static double[] arange(int n, double start, double step) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return v;
    }

    /** {@code n} random booleans as 0/1, with a fixed seed. */
    public static double[] coin(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? 1 : 0;
        }
        return v;
    }

    /** Values suited to {@code dtype}: uniform in {@code [-2, 2)} for floats, integers in {@code [-9, 9]} for ints, coins for bools. */
    public static TensorData sample(DType dtype, Shape shape, long seed) {
        int n = shape.numelInt();
        double[] v = dtype.isFloat() ? uniform(seed, n, -2, 2) : dtype.isInt() ? ints(seed, n, -9, 9) : coin(seed, n);
        return of(dtype, shape, v);
    }

    /** {@code data} in another dtype with the conversions of {@link TensorData#fromDoubles}. */
    public static TensorData as(DType dtype, TensorData data) {
        return TensorData.fromDoubles(data.toDoubles(), data.shape(), dtype);
    }
}
