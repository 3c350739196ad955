package dev.burnj.backend.cpu;

import static dev.burnj.backend.cpu.NativeMemory.getDouble;
import static dev.burnj.backend.cpu.NativeMemory.putByte;
import static dev.burnj.backend.cpu.NativeMemory.putDouble;

import dev.burnj.backend.Comparison;

/**
 * The F64 fast paths: tight loops over dense runs of {@code n} doubles at absolute addresses, one loop per op so that
 * every loop body is monomorphic (the switch on the op runs once per run, not per element). They compute exactly what
 * {@link BinaryOp#apply(double, double)} and {@link UnaryOp#apply(double)} do, to full double accuracy.
 */
final class FastF64 {
    private FastF64() {}

    /** {@code c[i] = a[i] op b[i]}. */
    static void binary(BinaryOp op, long a, long b, long c, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) + getDouble(b + 8L * i));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) - getDouble(b + 8L * i));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) * getDouble(b + 8L * i));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) / getDouble(b + 8L * i));
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.max(getDouble(a + 8L * i), getDouble(b + 8L * i)));
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.min(getDouble(a + 8L * i), getDouble(b + 8L * i)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, op.apply(getDouble(a + 8L * i), getDouble(b + 8L * i)));
                }
            }
        }
    }

    /** {@code c[i] = a[i] op s}. */
    static void binaryScalar(BinaryOp op, long a, double s, long c, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) + s);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) - s);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) * s);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, getDouble(a + 8L * i) / s);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.max(getDouble(a + 8L * i), s));
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.min(getDouble(a + 8L * i), s));
                }
            }
            case POW -> power(a, s, c, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, op.apply(getDouble(a + 8L * i), s));
                }
            }
        }
    }

    /** {@code c[i] = a[i]^e}: squares, cubes and reciprocals multiply or divide, within an ulp and ~20x faster. */
    private static void power(long a, double e, long c, int n) {
        if (e == 2) {
            for (int i = 0; i < n; i++) {
                double x = getDouble(a + 8L * i);
                putDouble(c + 8L * i, x * x);
            }
        } else if (e == 3) {
            for (int i = 0; i < n; i++) {
                double x = getDouble(a + 8L * i);
                putDouble(c + 8L * i, x * x * x);
            }
        } else if (e == -1) {
            for (int i = 0; i < n; i++) {
                putDouble(c + 8L * i, 1.0 / getDouble(a + 8L * i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                putDouble(c + 8L * i, Math.pow(getDouble(a + 8L * i), e));
            }
        }
    }

    /** {@code c[i] = s op b[i]}. */
    static void scalarLeft(BinaryOp op, double s, long b, long c, int n) {
        if (op.commutes()) {
            binaryScalar(op, b, s, c, n);
            return;
        }
        switch (op) {
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, s - getDouble(b + 8L * i));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, s / getDouble(b + 8L * i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, op.apply(s, getDouble(b + 8L * i)));
                }
            }
        }
    }

    /** {@code c[i] = op(a[i])}. */
    static void unary(UnaryOp op, long a, long c, int n) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, -getDouble(a + 8L * i));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.abs(getDouble(a + 8L * i)));
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.signum(getDouble(a + 8L * i)));
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.exp(getDouble(a + 8L * i)));
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.log(getDouble(a + 8L * i)));
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.log1p(getDouble(a + 8L * i)));
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.sqrt(getDouble(a + 8L * i)));
                }
            }
            case RSQRT -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, 1.0 / Math.sqrt(getDouble(a + 8L * i)));
                }
            }
            case RECIP -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, 1.0 / getDouble(a + 8L * i));
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.sin(getDouble(a + 8L * i)));
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.cos(getDouble(a + 8L * i)));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.tanh(getDouble(a + 8L * i)));
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, ElementwiseMath.erf(getDouble(a + 8L * i)));
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.floor(getDouble(a + 8L * i)));
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.ceil(getDouble(a + 8L * i)));
                }
            }
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.rint(getDouble(a + 8L * i)));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, Math.max(getDouble(a + 8L * i), 0.0));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    putDouble(c + 8L * i, ElementwiseMath.sigmoid(getDouble(a + 8L * i)));
                }
            }
        }
    }

    /** {@code c[i] = min(max(a[i], lo), hi)}; NaN stays NaN. */
    static void clamp(long a, double lo, double hi, long c, int n) {
        for (int i = 0; i < n; i++) {
            putDouble(c + 8L * i, Math.min(Math.max(getDouble(a + 8L * i), lo), hi));
        }
    }

    /** {@code c[i] = a[i] >= 0 ? a[i] : slope * a[i]}. */
    static void leakyRelu(long a, double slope, long c, int n) {
        for (int i = 0; i < n; i++) {
            double x = getDouble(a + 8L * i);
            putDouble(c + 8L * i, x >= 0 ? x : slope * x);
        }
    }

    /** {@code c[i] = a[i] op b[i]} as BOOL bytes. */
    static void compare(Comparison op, long a, long b, long c, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) == getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) != getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) > getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) >= getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) < getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) <= getDouble(b + 8L * i) ? (byte) 1 : 0);
                }
            }
        }
    }

    /** {@code c[i] = a[i] op s} as BOOL bytes. */
    static void compareScalar(Comparison op, long a, double s, long c, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) == s ? (byte) 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) != s ? (byte) 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) > s ? (byte) 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) >= s ? (byte) 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) < s ? (byte) 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getDouble(a + 8L * i) <= s ? (byte) 1 : 0);
                }
            }
        }
    }
}
