package dev.burnj.backend;

/** Elementwise comparison operators; results are BOOL tensors. */
public enum Comparison {
    EQ,
    NE,
    GT,
    GE,
    LT,
    LE;

    /** Applies the operator to two doubles; the reference semantics every backend must match. */
    public boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
        };
    }
}
