package dev.burnj.tensor;

/**
 * A range along one dimension: {@code start} inclusive, {@code end} exclusive, {@code step >= 1}.
 * Negative {@code start}/{@code end} count from the end of the dimension as in Python; {@link #resolve}
 * turns them into concrete, clamped bounds. Reversal is {@code flip}, not a negative step.
 */
public record Slice(int start, int end, int step) {
    /** Marks an open end: the slice runs to the end of the dimension. */
    public static final int END = Integer.MAX_VALUE;

    public Slice {
        if (step < 1) {
            throw new IllegalArgumentException("slice step must be >= 1, got " + step + " (use flip to reverse)");
        }
    }

    /** The whole dimension. */
    public static Slice all() {
        return new Slice(0, END, 1);
    }

    /** {@code [start, end)}. */
    public static Slice range(int start, int end) {
        return new Slice(start, end, 1);
    }

    /** {@code [start, end)} taking every {@code step}-th element. */
    public static Slice range(int start, int end, int step) {
        return new Slice(start, end, step);
    }

    /** {@code [start, end of dimension)}. */
    public static Slice from(int start) {
        return new Slice(start, END, 1);
    }

    /** The single index {@code i}, keeping the dimension with size 1. */
    public static Slice index(int i) {
        return new Slice(i, i == -1 ? END : i + 1, 1);
    }

    /**
     * Concrete bounds for a dimension of size {@code size}: negative values count from the end, bounds are
     * clamped to {@code [0, size]} and {@code end >= start}, as Python slicing does.
     */
    public Slice resolve(int size) {
        int s = clamp(start < 0 ? start + size : start, size);
        int e = end == END ? size : clamp(end < 0 ? end + size : end, size);
        return new Slice(s, Math.max(s, e), step);
    }

    /** Number of elements selected; valid after {@link #resolve}. */
    public int length() {
        return end <= start ? 0 : (end - start + step - 1) / step;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
