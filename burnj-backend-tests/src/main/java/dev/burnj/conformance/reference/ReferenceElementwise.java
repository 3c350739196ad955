package dev.burnj.conformance.reference;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Reference elementwise ops: unary maps, broadcasting binary ops, comparisons, selection and casts. */
public final class ReferenceElementwise {
    private ReferenceElementwise() {}

    /** {@code f} applied to every element; the result keeps the input dtype. */
    public static TensorData map(TensorData a, DoubleUnaryOperator f) {
        return mapTo(a, f, a.dtype());
    }

    /** {@code f} applied to every element, stored as {@code dtype}. */
    public static TensorData mapTo(TensorData a, DoubleUnaryOperator f, DType dtype) {
        Nd x = Nd.of(a);
        double[] out = new double[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.v[i]);
        }
        return new Nd(x.shape, out).to(dtype);
    }

    /** NumPy broadcast of equal-rank shapes. */
    public static int[] broadcastShape(int[]... shapes) {
        int[] out = shapes[0].clone();
        for (int[] s : shapes) {
            if (s.length != out.length) {
                throw new IllegalArgumentException("reference broadcast: ranks differ " + Arrays.deepToString(shapes));
            }
            for (int i = 0; i < s.length; i++) {
                if (out[i] == 1) {
                    out[i] = s[i];
                } else if (s[i] != 1 && s[i] != out[i]) {
                    throw new IllegalArgumentException("reference broadcast: " + Arrays.deepToString(shapes));
                }
            }
        }
        return out;
    }

    /** {@code f(a, b)} with broadcasting; the result has the dtype of {@code a}. */
    public static TensorData zip(TensorData a, TensorData b, DoubleBinaryOperator f) {
        return zipTo(a, b, f, a.dtype());
    }

    /** {@code f(a, b)} with broadcasting, stored as {@code dtype}. */
    public static TensorData zipTo(TensorData a, TensorData b, DoubleBinaryOperator f, DType dtype) {
        Nd x = Nd.of(a);
        Nd y = Nd.of(b);
        Nd out = Nd.zeros(broadcastShape(x.shape, y.shape));
        int[] idx = new int[out.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            out.v[i] = f.applyAsDouble(x.broadcastGet(idx), y.broadcastGet(idx));
        }
        return out.to(dtype);
    }

    /** {@code condition ? onTrue : onFalse}, broadcasting all three; dtype of {@code onTrue}. */
    public static TensorData where(TensorData condition, TensorData onTrue, TensorData onFalse) {
        Nd c = Nd.of(condition);
        Nd t = Nd.of(onTrue);
        Nd f = Nd.of(onFalse);
        Nd out = Nd.zeros(broadcastShape(c.shape, t.shape, f.shape));
        int[] idx = new int[out.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            out.v[i] = c.broadcastGet(idx) != 0 ? t.broadcastGet(idx) : f.broadcastGet(idx);
        }
        return out.to(onTrue.dtype());
    }

    /** {@code tensor} with {@code value} where the broadcast {@code mask} is true. */
    public static TensorData maskFill(TensorData tensor, TensorData mask, double value) {
        Nd x = Nd.of(tensor);
        Nd m = Nd.of(mask);
        Nd out = Nd.zeros(x.shape);
        int[] idx = new int[out.rank()];
        for (int i = 0; i < out.size(); i++) {
            out.unravel(i, idx);
            out.v[i] = m.broadcastGet(idx) != 0 ? value : x.v[i];
        }
        return out.to(tensor.dtype());
    }

    /** The comparison operators by name, with IEEE semantics; 1 for true. */
    public static double compare(String op, double a, double b) {
        boolean r = switch (op) {
            case "EQ" -> a == b;
            case "NE" -> a != b;
            case "GT" -> a > b;
            case "GE" -> a >= b;
            case "LT" -> a < b;
            case "LE" -> a <= b;
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
        return r ? 1.0 : 0.0;
    }

    /**
     * Conversion between dtypes: float to int truncates toward zero, non-zero to bool is true, bool to
     * numeric is 0/1, F64 to F32 rounds to nearest.
     */
    public static TensorData cast(TensorData a, DType target) {
        DoubleUnaryOperator f = switch (target) {
            case F32 -> x -> (double) (float) x;
            case F64 -> x -> x;
            case I64, I32 -> ReferenceMath::truncate;
            case BOOL -> x -> x != 0 ? 1.0 : 0.0;
            default -> throw new IllegalArgumentException("reference cast to " + target);
        };
        return mapTo(a, f, target);
    }
}
