package dev.burnj.conformance.support;

import dev.burnj.tensor.DType;

/**
 * How close a result must be to the reference: {@code |actual - expected| <= atol + rtol * |expected|}.
 * Int and bool results must match exactly.
 */
public record Tolerance(double rtol, double atol) {
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** The default for {@code dtype}: about 1e-10 relative for F64, 1e-5 for F32, exact otherwise. */
    public static Tolerance of(DType dtype) {
        return switch (dtype) {
            case F64 -> new Tolerance(1e-10, 1e-12);
            case F32 -> new Tolerance(1e-5, 1e-6);
            case F16, BF16 -> new Tolerance(1e-2, 1e-3);
            default -> EXACT;
        };
    }

    /** This tolerance with both bounds multiplied by {@code factor}. */
    public Tolerance times(double factor) {
        return new Tolerance(rtol * factor, atol * factor);
    }

    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
