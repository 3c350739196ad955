package dev.burnj.backend.cpu;

import static dev.burnj.backend.cpu.NativeMemory.getDouble;
import static dev.burnj.backend.cpu.NativeMemory.putByte;
import static dev.burnj.backend.cpu.NativeMemory.putDouble;

import dev.burnj.backend.Comparison;
import java.util.EnumMap;
import java.util.Map;

/**
 * The F64 fast paths: tight loops over dense runs of {@code n} doubles at absolute addresses, one loop per op (see
 * {@link FastLoop}), so that every loop body is monomorphic; the op is looked up once per run. Results are those of
 * {@link BinaryOp#apply(double, double)} and {@link UnaryOp#apply(double)}, to full double accuracy.
 */
final class FastF64 {
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

    private FastF64() {}

    /** {@code c[i] = a[i] op b[i]}. */
    static void binary(BinaryOp op, long a, long b, long c, int n) {
        BINARY.get(op).run(a, b, c, n);
    }

    /** {@code c[i] = a[i] op s}. */
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

    /** {@code c[i] = a[i] op s} as BOOL bytes. */
    static void compareScalar(Comparison op, long a, double s, long c, int n) {
        COMPARE_SCALAR.get(op).run(a, s, c, n);
    }

    /** {@code c[i] = min(max(a[i], lo), hi)}; NaN stays NaN. */
    static void clamp(long a, double lo, double hi, long c, int n) {
        for (int i = 0; i < n; i++) {
            double x = getDouble(a + 8L * i);
            putDouble(c + 8L * i, Math.min(Math.max(x, lo), hi));
        }
    }

    /**
     * {@code c[i] = a[i] >= 0 ? a[i] : slope * a[i]}, as {@code max(x, 0) + slope * min(x, 0)}: the same values
     * (but for the sign of a zero) without a branch, which would mispredict on random signs.
     */
    static void leakyRelu(long a, double slope, long c, int n) {
        for (int i = 0; i < n; i++) {
            double x = getDouble(a + 8L * i);
            putDouble(c + 8L * i, Math.max(x, 0.0) + slope * Math.min(x, 0.0));
        }
    }

    private static FastLoop.Binary binaryLoop(BinaryOp op) {
        return switch (op) {
            case ADD -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, x + y);
                }
            };
            case SUB -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, x - y);
                }
            };
            case MUL -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, x * y);
                }
            };
            case DIV -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, x / y);
                }
            };
            case MAXIMUM -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, Math.max(x, y));
                }
            };
            case MINIMUM -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, Math.min(x, y));
                }
            };
            case POW -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, Math.pow(x, y));
                }
            };
            case REMAINDER -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putDouble(c + 8L * i, x - Math.floor(x / y) * y);
                }
            };
            default -> (a, b, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F64 loop");
            };
        };
    }

    private static FastLoop.WithScalar withScalarLoop(BinaryOp op) {
        return switch (op) {
            case ADD -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, x + s);
                }
            };
            case SUB -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, x - s);
                }
            };
            case MUL -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, x * s);
                }
            };
            case DIV -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, x / s);
                }
            };
            case MAXIMUM -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.max(x, s));
                }
            };
            case MINIMUM -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.min(x, s));
                }
            };
            case REMAINDER -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, (x - Math.floor(x / s) * s));
                }
            };
            case POW -> FastF64::power;
            default -> (a, s, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F64 loop");
            };
        };
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
                double x = getDouble(a + 8L * i);
                putDouble(c + 8L * i, 1.0 / x);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double x = getDouble(a + 8L * i);
                putDouble(c + 8L * i, Math.pow(x, e));
            }
        }
    }

    /** Loops for {@code s op b[i]} of the ops that do not commute; {@code a} is the tensor operand. */
    private static FastLoop.WithScalar scalarLeftLoop(BinaryOp op) {
        return switch (op) {
            case SUB -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, s - x);
                }
            };
            case DIV -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, s / x);
                }
            };
            case POW -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.pow(s, x));
                }
            };
            case REMAINDER -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, (s - Math.floor(s / x) * x));
                }
            };
            default -> (a, s, c, n) -> {
                throw new IllegalArgumentException("cpu: " + op + " has no F64 loop");
            };
        };
    }

    private static FastLoop.Unary unaryLoop(UnaryOp op) {
        return switch (op) {
            case NEG -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, -x);
                }
            };
            case ABS -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.abs(x));
                }
            };
            case SIGN -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.signum(x));
                }
            };
            case EXP -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.exp(x));
                }
            };
            case LOG -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.log(x));
                }
            };
            case LOG1P -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.log1p(x));
                }
            };
            case SQRT -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.sqrt(x));
                }
            };
            case RSQRT -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, 1.0 / Math.sqrt(x));
                }
            };
            case RECIP -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, 1.0 / x);
                }
            };
            case SIN -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.sin(x));
                }
            };
            case COS -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.cos(x));
                }
            };
            case TANH -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.tanh(x));
                }
            };
            case ERF -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, ElementwiseMath.erf(x));
                }
            };
            case FLOOR -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.floor(x));
                }
            };
            case CEIL -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.ceil(x));
                }
            };
            case ROUND -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.rint(x));
                }
            };
            case RELU -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, Math.max(x, 0.0));
                }
            };
            case SIGMOID -> (a, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putDouble(c + 8L * i, ElementwiseMath.sigmoid(x));
                }
            };
        };
    }

    private static FastLoop.Binary compareLoop(Comparison op) {
        return switch (op) {
            case EQ -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x == y ? (byte) 1 : 0);
                }
            };
            case NE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x != y ? (byte) 1 : 0);
                }
            };
            case GT -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x > y ? (byte) 1 : 0);
                }
            };
            case GE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x >= y ? (byte) 1 : 0);
                }
            };
            case LT -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x < y ? (byte) 1 : 0);
                }
            };
            case LE -> (a, b, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    double y = getDouble(b + 8L * i);
                    putByte(c + i, x <= y ? (byte) 1 : 0);
                }
            };
        };
    }

    private static FastLoop.WithScalar compareScalarLoop(Comparison op) {
        return switch (op) {
            case EQ -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x == s ? (byte) 1 : 0);
                }
            };
            case NE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x != s ? (byte) 1 : 0);
                }
            };
            case GT -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x > s ? (byte) 1 : 0);
                }
            };
            case GE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x >= s ? (byte) 1 : 0);
                }
            };
            case LT -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x < s ? (byte) 1 : 0);
                }
            };
            case LE -> (a, s, c, n) -> {
                for (int i = 0; i < n; i++) {
                    double x = getDouble(a + 8L * i);
                    putByte(c + i, x <= s ? (byte) 1 : 0);
                }
            };
        };
    }
}
