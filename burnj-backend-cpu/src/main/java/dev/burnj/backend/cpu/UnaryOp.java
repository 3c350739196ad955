package dev.burnj.backend.cpu;

/**
 * The unary elementwise ops with their scalar semantics, defined once: {@link #apply(double)} for float dtypes (to
 * F64 accuracy) and {@link #apply(long)} for int ones. The generic kernel path calls these per element; the fast
 * paths ({@link FastF32}) must agree with them within each dtype's tolerance.
 */
enum UnaryOp {
    NEG(1),
    ABS(1),
    /** -1, 0 or 1; signed zeros and NaN map to themselves, as {@link Math#signum(double)}. */
    SIGN(1),
    EXP(4),
    LOG(8),
    LOG1P(8),
    SQRT(2),
    RSQRT(2),
    RECIP(1),
    SIN(10),
    COS(10),
    TANH(6),
    ERF(12),
    FLOOR(1),
    CEIL(1),
    /** Half to even, as PyTorch. */
    ROUND(1),
    /** {@code max(x, 0)}; NaN stays NaN. */
    RELU(1),
    SIGMOID(5);

    /** Relative cost per element, for {@link Parallel#forRange}. */
    final int cost;

    UnaryOp(int cost) {
        this.cost = cost;
    }

    double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1.0 / Math.sqrt(x);
            case RECIP -> 1.0 / x;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case ERF -> ElementwiseMath.erf(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case RELU -> Math.max(x, 0.0);
            case SIGMOID -> ElementwiseMath.sigmoid(x);
        };
    }

    /** Integer semantics: exact for the ops defined on ints; the float-only ones act on the value as a double. */
    long apply(long x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Long.signum(x);
            case FLOOR, CEIL, ROUND -> x;
            case RELU -> Math.max(x, 0);
            default -> (long) apply((double) x);
        };
    }
}
