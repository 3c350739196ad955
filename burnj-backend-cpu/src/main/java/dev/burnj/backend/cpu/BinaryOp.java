package dev.burnj.backend.cpu;

import java.util.Locale;

/**
 * The binary elementwise ops with their scalar semantics, defined once: {@link #apply(double, double)} for float
 * dtypes and {@link #apply(long, long)} for int and bool ones. The generic kernel path calls these per element; the
 * fast paths ({@link FastF32}) must agree with them.
 */
enum BinaryOp {
    ADD(1),
    SUB(1),
    MUL(1),
    DIV(1),
    MAXIMUM(1),
    MINIMUM(1),
    POW(20),
    REMAINDER(4),
    AND(1),
    OR(1),
    XOR(1);

    /** Relative cost per element, for {@link Parallel#forRange}. */
    final int cost;

    BinaryOp(int cost) {
        this.cost = cost;
    }

    /** The SPI method's name, for error messages. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Float semantics. Maximum and minimum follow {@link Math#max(double, double)}: NaN wins and {@code +0 > -0}.
     * Remainder is floor modulo, {@code a - floor(a / b) * b}, which takes the divisor's sign.
     */
    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case POW -> Math.pow(a, b);
            case REMAINDER -> a - Math.floor(a / b) * b;
            case AND -> a != 0 && b != 0 ? 1 : 0;
            case OR -> a != 0 || b != 0 ? 1 : 0;
            case XOR -> (a != 0) != (b != 0) ? 1 : 0;
        };
    }

    /**
     * Integer semantics, exact on 64 bits (overflow wraps): division floors and remainder is floor modulo, as in
     * PyTorch; both throw {@link ArithmeticException} on a zero divisor. A negative power is {@code 1 / a^-b} truncated
     * toward zero, as the cast of the real result would be.
     */
    long apply(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> Math.floorDiv(a, divisor(b));
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case POW -> power(a, b);
            case REMAINDER -> Math.floorMod(a, divisor(b));
            case AND -> a != 0 && b != 0 ? 1 : 0;
            case OR -> a != 0 || b != 0 ? 1 : 0;
            case XOR -> (a != 0) != (b != 0) ? 1 : 0;
        };
    }

    /** Whether {@code a op b == b op a}, so that a broadcast left operand can take the scalar operand's place. */
    boolean commutes() {
        return this != SUB && this != DIV && this != POW && this != REMAINDER;
    }

    private static long power(long base, long exponent) {
        if (exponent < 0) {
            return base == 1 ? 1 : base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : base == 0 ? divideByZero() : 0;
        }
        long result = 1;
        long b = base;
        for (long e = exponent; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
        }
        return result;
    }

    private long divisor(long b) {
        if (b == 0) {
            throw new ArithmeticException("cpu: " + label() + ": integer division by zero");
        }
        return b;
    }

    private static long divideByZero() {
        throw new ArithmeticException("cpu: pow: 0 raised to a negative integer power");
    }
}
