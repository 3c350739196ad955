package dev.burnj.backend.cpu;

import dev.burnj.backend.cpu.Reductions.Fold;
import dev.burnj.tensor.DType;

/**
 * The general path of the reductions and scans: any dtype through {@link Access}, strided runs with steps in bytes.
 * Floats fold in double; integers and bools in long, so I64 stays exact and I32 wraps as int arithmetic does.
 */
final class ReduceGeneric {
    private ReduceGeneric() {}

    static double foldDouble(Fold fold, DType dtype, long a, int n, long step) {
        double acc = fold.identity();
        for (int i = 0; i < n; i++, a += step) {
            acc = fold.apply(acc, Access.getDouble(dtype, a));
        }
        return acc;
    }

    static long foldLong(Fold fold, DType dtype, long a, int n, long step) {
        long acc = fold.identityLong();
        for (int i = 0; i < n; i++, a += step) {
            acc = fold.apply(acc, Access.getLong(dtype, a));
        }
        return acc;
    }

    /** Folds every element of {@code t}, in row-major order, into a double. */
    static double wholeDouble(CpuTensor t, Fold fold) {
        int size = t.itemSize();
        double acc = fold.identity();
        Rows rows = Rows.over(t.dims(), new long[] {0}, t.strides());
        while (rows.next()) {
            acc = fold.apply(acc, foldDouble(fold, t.dtype(), t.address() + rows.offset(0) * size, rows.length(), rows.step(0) * size));
        }
        return acc;
    }

    /** Folds every element of {@code t}, in row-major order, into a long. */
    static long wholeLong(CpuTensor t, Fold fold) {
        int size = t.itemSize();
        long acc = fold.identityLong();
        Rows rows = Rows.over(t.dims(), new long[] {0}, t.strides());
        while (rows.next()) {
            acc = fold.apply(acc, foldLong(fold, t.dtype(), t.address() + rows.offset(0) * size, rows.length(), rows.step(0) * size));
        }
        return acc;
    }

    /** Index of the first strictly largest ({@code max}) or smallest of {@code n >= 1} integer or bool elements. */
    static int argLong(DType dtype, boolean max, long a, int n, long step) {
        long best = Access.getLong(dtype, a);
        int at = 0;
        a += step;
        for (int i = 1; i < n; i++, a += step) {
            long x = Access.getLong(dtype, a);
            if (max ? x > best : x < best) {
                best = x;
                at = i;
            }
        }
        return at;
    }

    /** Inclusive running sum of an integer or bool run, in long. */
    static void cumsumLong(DType dtype, long in, long inStep, long out, long outStep, int n) {
        long s = 0;
        for (int i = 0; i < n; i++, in += inStep, out += outStep) {
            s += Access.getLong(dtype, in);
            Access.putLong(dtype, out, s);
        }
    }
}
