package dev.burnj.backend.cpu;

import dev.burnj.backend.cpu.Reductions.Fold;

/**
 * The hot loops of the float reductions: one strided run of F32 or F64 elements ({@code f32} picks the item type;
 * C2 unswitches the loops on it, so the flag costs nothing) folded, scanned or searched, always in double. Addresses
 * and steps are in bytes. Sums keep eight independent accumulators: that hides the add latency (over twice as fast as
 * one running sum over native memory) and, for long F64 runs, grows the rounding error eight times slower; the order
 * is fixed, so results do not depend on how work is split across threads.
 */
final class ReduceRuns {
    private ReduceRuns() {}

    static double get(boolean f32, long address) {
        return f32 ? NativeMemory.getFloat(address) : NativeMemory.getDouble(address);
    }

    static void put(boolean f32, long address, double value) {
        if (f32) {
            NativeMemory.putFloat(address, (float) value);
        } else {
            NativeMemory.putDouble(address, value);
        }
    }

    /** Whether {@code fold} has a run kernel here (the others take the generic path). */
    static boolean supports(Fold fold) {
        return fold == Fold.SUM || fold == Fold.MAX || fold == Fold.MIN;
    }

    /** SUM, MAX or MIN of {@code n >= 1} elements (SUM also of none). */
    static double fold(boolean f32, Fold fold, long a, int n, long step) {
        return fold == Fold.SUM ? sum(f32, a, n, step) : extreme(f32, fold == Fold.MAX, a, n, step);
    }

    static double sum(boolean f32, long a, int n, long step) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        long p = a;
        for (; i + 8 <= n; i += 8, p += 8 * step) {
            s0 += get(f32, p);
            s1 += get(f32, p + step);
            s2 += get(f32, p + 2 * step);
            s3 += get(f32, p + 3 * step);
            s4 += get(f32, p + 4 * step);
            s5 += get(f32, p + 5 * step);
            s6 += get(f32, p + 6 * step);
            s7 += get(f32, p + 7 * step);
        }
        for (; i < n; i++, p += step) {
            s0 += get(f32, p);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Largest ({@code max}) or smallest of {@code n >= 1} elements; NaN wins, as in {@link Math#max}. One running
     * extremum: the intrinsic is cheap, and interleaved accumulators measured slower here.
     */
    static double extreme(boolean f32, boolean max, long a, int n, long step) {
        double m = get(f32, a);
        long p = a + step;
        for (int i = 1; i < n; i++, p += step) {
            m = max ? Math.max(m, get(f32, p)) : Math.min(m, get(f32, p));
        }
        return m;
    }

    /** The sum of {@code (x - mean)^2}: the second pass of a two-pass variance, accurate even when the mean is large. */
    static double squaredDeviations(boolean f32, long a, int n, long step, double mean) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        long p = a;
        for (; i + 4 <= n; i += 4, p += 4 * step) {
            double d0 = get(f32, p) - mean, d1 = get(f32, p + step) - mean;
            double d2 = get(f32, p + 2 * step) - mean, d3 = get(f32, p + 3 * step) - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++, p += step) {
            double d = get(f32, p) - mean;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Index of the first largest ({@code max}) or smallest of {@code n >= 1} elements. Only a strictly better element
     * replaces the best so far, so ties keep the first and a NaN is never chosen (unless it comes first).
     */
    static int argExtreme(boolean f32, boolean max, long a, int n, long step) {
        double best = get(f32, a);
        int at = 0;
        long p = a + step;
        for (int i = 1; i < n; i++, p += step) {
            double x = get(f32, p);
            if (max ? x > best : x < best) {
                best = x;
                at = i;
            }
        }
        return at;
    }

    /** Inclusive running sum of a run into another, kept in double so that F32 sums round once per element. */
    static void cumsum(boolean f32, long in, long inStep, long out, long outStep, int n) {
        double s = 0;
        for (int i = 0; i < n; i++, in += inStep, out += outStep) {
            s += get(f32, in);
            put(f32, out, s);
        }
    }

    /**
     * Folds {@code rows >= 1} rows of {@code cols} adjacent elements (rows {@code rowStep} bytes apart) into
     * {@code acc[0, cols)} with SUM, MAX or MIN, row by row: the column sums of a matrix, e.g. a Linear layer's bias
     * gradient, read memory in order and the accumulators stay in L1.
     */
    static void columns(boolean f32, Fold fold, long a, int rows, long rowStep, int cols, double[] acc) {
        int size = f32 ? 4 : 8;
        for (int j = 0; j < cols; j++) {
            acc[j] = get(f32, a + (long) j * size);
        }
        long row = a + rowStep;
        for (int i = 1; i < rows; i++, row += rowStep) {
            long p = row;
            switch (fold) {
                case SUM -> {
                    for (int j = 0; j < cols; j++, p += size) {
                        acc[j] += get(f32, p);
                    }
                }
                case MAX -> {
                    for (int j = 0; j < cols; j++, p += size) {
                        acc[j] = Math.max(acc[j], get(f32, p));
                    }
                }
                case MIN -> {
                    for (int j = 0; j < cols; j++, p += size) {
                        acc[j] = Math.min(acc[j], get(f32, p));
                    }
                }
                default -> throw new IllegalArgumentException("cpu: no column kernel for " + fold);
            }
        }
    }
}
