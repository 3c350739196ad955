package dev.burnj.backend.cpu;

import static dev.burnj.backend.cpu.NativeMemory.getFloat;
import static dev.burnj.backend.cpu.NativeMemory.putByte;
import static dev.burnj.backend.cpu.NativeMemory.putFloat;

import dev.burnj.backend.Comparison;

/**
 * The F32 fast paths: tight loops over dense runs of {@code n} floats at absolute addresses, one loop per op so that
 * every loop body is monomorphic (the switch on the op runs once per run, not per element). Arithmetic is done in
 * float, which is correctly rounded and therefore equal to computing in double and rounding; functions that float
 * would make inaccurate go through double. They agree with {@link BinaryOp} and {@link UnaryOp} (transcendental
 * functions within the F32 tolerance, via {@link ElementwiseMath}'s float-accuracy versions).
 */
final class FastF32 {
    private FastF32() {}

    /** {@code c[i] = a[i] op b[i]}. */
    static void binary(BinaryOp op, long a, long b, long c, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) + getFloat(b + 4L * i));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) - getFloat(b + 4L * i));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) * getFloat(b + 4L * i));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) / getFloat(b + 4L * i));
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.max(getFloat(a + 4L * i), getFloat(b + 4L * i)));
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.min(getFloat(a + 4L * i), getFloat(b + 4L * i)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) op.apply(getFloat(a + 4L * i), getFloat(b + 4L * i)));
                }
            }
        }
    }

    /** {@code c[i] = a[i] op s}, with {@code s} already a float value. */
    static void binaryScalar(BinaryOp op, long a, double s, long c, int n) {
        float f = (float) s;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) + f);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) - f);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) * f);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, getFloat(a + 4L * i) / f);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.max(getFloat(a + 4L * i), f));
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.min(getFloat(a + 4L * i), f));
                }
            }
            case POW -> power(a, s, c, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) op.apply(getFloat(a + 4L * i), s));
                }
            }
        }
    }

    /** {@code c[i] = a[i]^e}: squares, cubes and reciprocals multiply or divide, which is exact enough and ~20x faster. */
    private static void power(long a, double e, long c, int n) {
        if (e == 2) {
            for (int i = 0; i < n; i++) {
                float x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, x * x);
            }
        } else if (e == 3) {
            for (int i = 0; i < n; i++) {
                double x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, (float) (x * x * x));
            }
        } else if (e == -1) {
            for (int i = 0; i < n; i++) {
                putFloat(c + 4L * i, 1f / getFloat(a + 4L * i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                putFloat(c + 4L * i, (float) Math.pow(getFloat(a + 4L * i), e));
            }
        }
    }

    /** {@code c[i] = s op b[i]}, with {@code s} already a float value. */
    static void scalarLeft(BinaryOp op, double s, long b, long c, int n) {
        if (op.commutes()) {
            binaryScalar(op, b, s, c, n);
            return;
        }
        float f = (float) s;
        switch (op) {
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, f - getFloat(b + 4L * i));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, f / getFloat(b + 4L * i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) op.apply(s, getFloat(b + 4L * i)));
                }
            }
        }
    }

    /** {@code c[i] = op(a[i])}. */
    static void unary(UnaryOp op, long a, long c, int n) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, -getFloat(a + 4L * i));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.abs(getFloat(a + 4L * i)));
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.signum(getFloat(a + 4L * i)));
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) ElementwiseMath.expForFloat(getFloat(a + 4L * i)));
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.log(getFloat(a + 4L * i)));
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, log1p(getFloat(a + 4L * i)));
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.sqrt(getFloat(a + 4L * i)));
                }
            }
            case RSQRT -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) (1.0 / Math.sqrt(getFloat(a + 4L * i))));
                }
            }
            case RECIP -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, 1f / getFloat(a + 4L * i));
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.sin(getFloat(a + 4L * i)));
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.cos(getFloat(a + 4L * i)));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, ElementwiseMath.tanhForFloat(getFloat(a + 4L * i)));
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) ElementwiseMath.erf(getFloat(a + 4L * i)));
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.floor(getFloat(a + 4L * i)));
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.ceil(getFloat(a + 4L * i)));
                }
            }
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, (float) Math.rint(getFloat(a + 4L * i)));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, Math.max(getFloat(a + 4L * i), 0f));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    putFloat(c + 4L * i, ElementwiseMath.sigmoidForFloat(getFloat(a + 4L * i)));
                }
            }
        }
    }

    /**
     * {@code log(1 + x)} from the fast {@link Math#log}: for a float {@code x} with {@code |x| >= 2^-29} the sum
     * {@code 1 + x} is exact in double, so nothing cancels; below, {@code log1p(x) = x} to float precision.
     */
    private static float log1p(float x) {
        return Math.abs(x) < 0x1p-29f ? x : (float) Math.log(1.0 + x);
    }

    /** {@code c[i] = min(max(a[i], lo), hi)}; NaN stays NaN. */
    static void clamp(long a, float lo, float hi, long c, int n) {
        for (int i = 0; i < n; i++) {
            putFloat(c + 4L * i, Math.min(Math.max(getFloat(a + 4L * i), lo), hi));
        }
    }

    /** {@code c[i] = a[i] >= 0 ? a[i] : slope * a[i]}. */
    static void leakyRelu(long a, float slope, long c, int n) {
        for (int i = 0; i < n; i++) {
            float x = getFloat(a + 4L * i);
            putFloat(c + 4L * i, x >= 0 ? x : slope * x);
        }
    }

    /** {@code c[i] = a[i] op b[i]} as BOOL bytes. */
    static void compare(Comparison op, long a, long b, long c, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) == getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) != getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) > getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) >= getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) < getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) <= getFloat(b + 4L * i) ? (byte) 1 : 0);
                }
            }
        }
    }

    /** {@code c[i] = a[i] op s} as BOOL bytes, comparing the exact values (the float widened to double). */
    static void compareScalar(Comparison op, long a, double s, long c, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) == s ? (byte) 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) != s ? (byte) 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) > s ? (byte) 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) >= s ? (byte) 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) < s ? (byte) 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    putByte(c + i, getFloat(a + 4L * i) <= s ? (byte) 1 : 0);
                }
            }
        }
    }
}
