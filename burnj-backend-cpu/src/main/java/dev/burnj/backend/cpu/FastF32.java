package dev.burnj.backend.cpu;

import static dev.burnj.backend.cpu.NativeMemory.getFloat;
import static dev.burnj.backend.cpu.NativeMemory.putByte;
import static dev.burnj.backend.cpu.NativeMemory.putFloat;

import dev.burnj.backend.Comparison;
import java.util.EnumMap;
import java.util.Map;

/**
 * The F32 fast paths: tight loops over dense runs of {@code n} floats at absolute addresses, one loop per op (see
 * {@link FastLoop}), so that every loop body is monomorphic; the op is looked up once per run. Arithmetic is done in
 * float, which is correctly rounded and so equals computing in double and rounding; functions that float would make
 * inaccurate go through double. Results agree with {@link BinaryOp} and {@link UnaryOp}, exactly for arithmetic and
 * within the F32 tolerance for exp, tanh and sigmoid, which use {@link ElementwiseMath}'s float-accuracy versions.
 */
final class FastF32 {
    private static final Map<BinaryOp, FastLoop.Binary> BINARY = new EnumMap<>(BinaryOp.class);
    private static final Map<BinaryOp, FastLoop.WithScalar> WITH_SCALAR = new EnumMap<>(BinaryOp.class);
    private static final Map<BinaryOp, FastLoop.WithScalar> SCALAR_LEFT = new EnumMap<>(BinaryOp.class);
    private static final Map<UnaryOp, FastLoop.Unary> UNARY = new EnumMap<>(UnaryOp.class);
    private static final Map<Comparison, FastLoop.Binary> COMPARE = new EnumMap<>(Comparison.class);
    private static final Map<Comparison, FastLoop.WithScalar> COMPARE_SCALAR = new EnumMap<>(Comparison.class);

    static {
        for (BinaryOp op : BinaryOp.values()) {
            BINARY.put(op, binaryLoop(op));
            WITH_SCALAR.put(op, withScalarLoop(op));
            SCALAR_LEFT.put(op, op.commutes() ? WITH_SCALAR.get(op) : scalarLeftLoop(op));
        }
        for (UnaryOp op : UnaryOp.values()) {
            UNARY.put(op, unaryLoop(op));
        }
        for (Comparison op : Comparison.values()) {
            COMPARE.put(op, compareLoop(op));
            COMPARE_SCALAR.put(op, compareScalarLoop(op));
        }
    }

    private FastF32() {}

    /** {@code c[i] = a[i] op b[i]}. */
    static void binary(BinaryOp op, long a, long b, long c, int n) {
        BINARY.get(op).run(a, b, c, n);
    }

    /** {@code c[i] = a[i] op s}, with {@code s} a float value (POW and REMAINDER use it as it is). */
    static void binaryScalar(BinaryOp op, long a, double s, long c, int n) {
        WITH_SCALAR.get(op).run(a, s, c, n);
    }

    /** {@code c[i] = s op b[i]}. */
    static void scalarLeft(BinaryOp op, double s, long b, long c, int n) {
        SCALAR_LEFT.get(op).run(b, s, c, n);
    }

    /** {@code c[i] = op(a[i])}. */
    static void unary(UnaryOp op, long a, long c, int n) {
        UNARY.get(op).run(a, c, n);
    }

    /** {@code c[i] = a[i] op b[i]} as BOOL bytes. */
    static void compare(Comparison op, long a, long b, long c, int n) {
        COMPARE.get(op).run(a, b, c, n);
    }

    /** {@code c[i] = a[i] op s} as BOOL bytes, comparing exact values (the float widened to double). */
    static void compareScalar(Comparison op, long a, double s, long c, int n) {
        COMPARE_SCALAR.get(op).run(a, s, c, n);
    }

    /** {@code c[i] = min(max(a[i], lo), hi)}; NaN stays NaN. */
    static void clamp(long a, float lo, float hi, long c, int n) {
        for (int i = 0; i < n; i++) {
            float x = getFloat(a + 4L * i);
            putFloat(c + 4L * i, Math.min(Math.max(x, lo), hi));
        }
    }

    /** {@code c[i] = a[i] >= 0 ? a[i] : slope * a[i]}, without a branch ({@link SignMasks}). */
    static void leakyRelu(long a, float slope, long c, int n) {
        SignMasks.leaky(a, a, c, n, slope, false);
    }

    /** {@code c[i] = tanh(a[i])} through heap chunks, where the branch-free rational function vectorises. */
    private static void tanh(long a, long c, int n) {
        HeapChunks chunks = HeapChunks.ofThread();
        float[] x = chunks.floats[0];
        for (int done = 0; done < n; done += HeapChunks.LENGTH) {
            int len = Math.min(HeapChunks.LENGTH, n - done);
            long at = 4L * done;
            HeapChunks.load(a + at, x, len);
            for (int i = 0; i < len; i++) {
                x[i] = ElementwiseMath.tanhForFloat(x[i]);
            }
            HeapChunks.store(x, c + at, len);
        }
    }

    private static FastLoop.Binary binaryLoop(BinaryOp op) {
        return switch (op) {
            case ADD -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, x + y);
                }
            };
            case SUB -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, x - y);
                }
            };
            case MUL -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, x * y);
                }
            };
            case DIV -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, x / y);
                }
            };
            case MAXIMUM -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, Math.max(x, y));
                }
            };
            case MINIMUM -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, Math.min(x, y));
                }
            };
            case POW -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, (float) Math.pow(x, y));
                }
            };
            case REMAINDER -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putFloat(c + 4L * i, (float) (x - Math.floor((double) x / y) * y));
                }
            };
            default -> (a, b, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F32 loop");
            };
        };
    }

    private static FastLoop.WithScalar withScalarLoop(BinaryOp op) {
        return switch (op) {
            case ADD -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, x + f);
                }
            };
            case SUB -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, x - f);
                }
            };
            case MUL -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, x * f);
                }
            };
            case DIV -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, x / f);
                }
            };
            case MAXIMUM -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, Math.max(x, f));
                }
            };
            case MINIMUM -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, Math.min(x, f));
                }
            };
            case REMAINDER -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) (x - Math.floor(x / s) * s));
                }
            };
            case POW -> FastF32::power;
            default -> (a, s, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F32 loop");
            };
        };
    }

    /** {@code c[i] = a[i]^e}: squares, cubes and reciprocals multiply or divide, within an ulp and ~20x faster. */
    private static void power(long a, double e, long c, int n) {
        if (e == 2) {
            for (int i = 0; i < n; i++) {
                float x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, x * x);
            }
        } else if (e == 3) {
            for (int i = 0; i < n; i++) {
                float x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, (float) ((double) x * x * x));
            }
        } else if (e == -1) {
            for (int i = 0; i < n; i++) {
                float x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, 1f / x);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float x = getFloat(a + 4L * i);
                putFloat(c + 4L * i, (float) Math.pow(x, e));
            }
        }
    }

    /** Loops for {@code s op b[i]} of the ops that do not commute; {@code a} is the tensor operand. */
    private static FastLoop.WithScalar scalarLeftLoop(BinaryOp op) {
        return switch (op) {
            case SUB -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, f - x);
                }
            };
            case DIV -> (a, s, c, n) -> {
                float f = (float) s;
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, f / x);
                }
            };
            case POW -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.pow(s, x));
                }
            };
            case REMAINDER -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) (s - Math.floor(s / x) * x));
                }
            };
            default -> (a, s, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F32 loop");
            };
        };
    }

    private static FastLoop.Unary unaryLoop(UnaryOp op) {
        return switch (op) {
            case NEG -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, -x);
                }
            };
            case ABS -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, Math.abs(x));
                }
            };
            case SIGN -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, Math.signum(x));
                }
            };
            case EXP -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) ElementwiseMath.expForFloat(x));
                }
            };
            case LOG -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.log(x));
                }
            };
            case LOG1P -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, log1p(x));
                }
            };
            case SQRT -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.sqrt(x));
                }
            };
            case RSQRT -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) (1.0 / Math.sqrt(x)));
                }
            };
            case RECIP -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, 1f / x);
                }
            };
            case SIN -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.sin(x));
                }
            };
            case COS -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.cos(x));
                }
            };
            case TANH -> FastF32::tanh;
            case ERF -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) ElementwiseMath.erf(x));
                }
            };
            case FLOOR -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.floor(x));
                }
            };
            case CEIL -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.ceil(x));
                }
            };
            case ROUND -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, (float) Math.rint(x));
                }
            };
            case RELU -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, Math.max(x, 0f));
                }
            };
            case SIGMOID -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putFloat(c + 4L * i, ElementwiseMath.sigmoidForFloat(x));
                }
            };
        };
    }

    /**
     * {@code log(1 + x)} from the fast {@link Math#log}: for a float {@code x} with {@code |x| >= 2^-29} the sum
     * {@code 1 + x} is exact in double, so nothing cancels; below, {@code log1p(x) = x} to float precision.
     */
    private static float log1p(float x) {
        return Math.abs(x) < 0x1p-29f ? x : (float) Math.log(1.0 + x);
    }

    private static FastLoop.Binary compareLoop(Comparison op) {
        return switch (op) {
            case EQ -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x == y ? (byte) 1 : 0);
                }
            };
            case NE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x != y ? (byte) 1 : 0);
                }
            };
            case GT -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x > y ? (byte) 1 : 0);
                }
            };
            case GE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x >= y ? (byte) 1 : 0);
                }
            };
            case LT -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x < y ? (byte) 1 : 0);
                }
            };
            case LE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    float y = getFloat(b + 4L * i);
                    putByte(c + i, x <= y ? (byte) 1 : 0);
                }
            };
        };
    }

    private static FastLoop.WithScalar compareScalarLoop(Comparison op) {
        return switch (op) {
            case EQ -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x == s ? (byte) 1 : 0);
                }
            };
            case NE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x != s ? (byte) 1 : 0);
                }
            };
            case GT -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x > s ? (byte) 1 : 0);
                }
            };
            case GE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x >= s ? (byte) 1 : 0);
                }
            };
            case LT -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x < s ? (byte) 1 : 0);
                }
            };
            case LE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    float x = getFloat(a + 4L * i);
                    putByte(c + i, x <= s ? (byte) 1 : 0);
                }
            };
        };
    }
}
