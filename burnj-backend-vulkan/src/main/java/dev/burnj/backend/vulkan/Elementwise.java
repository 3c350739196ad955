package dev.burnj.backend.vulkan;

import dev.burnj.backend.Comparison;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * The SPI's elementwise ops as members of the {@link Compute#map} kernel family: each op is a GLSL expression
 * (by kind where float and int semantics differ), with NumPy broadcasting of the inputs to a common shape.
 */
final class Elementwise {
    private final Compute compute;

    Elementwise(Compute compute) {
        this.compute = compute;
    }

    /** The common shape of equal-rank operands under size-1 broadcasting. */
    static Shape broadcast(VulkanTensor... ts) {
        int[] dims = ts[0].shape().dims();
        for (VulkanTensor t : ts) {
            for (int d = 0; d < dims.length; d++) {
                int s = t.shape().dim(d);
                if (dims[d] == 1) {
                    dims[d] = s;
                } else if (s != 1 && s != dims[d]) {
                    throw new IllegalArgumentException("vulkan: shapes " + ts[0].shape() + " and " + t.shape() + " do not broadcast");
                }
            }
        }
        return Shape.of(dims);
    }

    /** A binary op with float expression {@code floatExpr} and integer expression {@code intExpr} over {@code a, b}. */
    VulkanTensor binary(String name, String floatExpr, String intExpr, VulkanTensor a, VulkanTensor b) {
        String expr = a.dtype().isFloat() ? floatExpr : intExpr;
        return compute.map(name, expr, a.dtype(), broadcast(a, b), a, b);
    }

    VulkanTensor unary(String name, String expr, VulkanTensor a) {
        return compute.map(name, expr, a.dtype(), a.shape(), a);
    }

    /** A unary op with scalars {@code s0, s1, ...} of the tensor's own dtype. */
    VulkanTensor withScalars(String name, String floatExpr, String intExpr, VulkanTensor a, double... scalars) {
        String expr = a.dtype().isFloat() ? floatExpr : intExpr;
        return compute.map(name, expr, a.dtype(), a.shape(), a.dtype(), scalars, a);
    }

    VulkanTensor compare(VulkanTensor a, VulkanTensor b, Comparison op) {
        return compute.map("compare_" + op, "a " + symbol(op) + " b", DType.BOOL, broadcast(a, b), a, b);
    }

    /**
     * Comparison with a scalar. Integer and bool tensors compare with an integer bound, chosen so that the result
     * equals the comparison with the exact (possibly fractional) scalar.
     */
    VulkanTensor compareScalar(VulkanTensor a, double s, Comparison op) {
        if (a.dtype().isFloat()) {
            return compute.map("compare_scalar_" + op, "a " + symbol(op) + " s0", DType.BOOL, a.shape(), a.dtype(), new double[] {s}, a);
        }
        DType scalarType = a.dtype() == DType.I64 ? DType.I64 : DType.I32;
        String value = a.dtype() == DType.BOOL ? "int(a)" : "a";
        if (Double.isNaN(s)) {
            return constant(a, op == Comparison.NE);
        }
        if (s != Math.rint(s) && !Double.isInfinite(s)) {
            // x < 2.5 is x < 3 and x <= 2.5 is x <= 2 for integers; no integer equals 2.5.
            switch (op) {
                case EQ -> {
                    return constant(a, false);
                }
                case NE -> {
                    return constant(a, true);
                }
                case LT, GE -> s = Math.ceil(s);
                case LE, GT -> s = Math.floor(s);
            }
        }
        return compute.map("compare_scalar_" + op, value + " " + symbol(op) + " s0", DType.BOOL, a.shape(), scalarType, new double[] {s}, a);
    }

    private VulkanTensor constant(VulkanTensor like, boolean value) {
        return compute.map(like.gpu(), "fill", "s0", DType.BOOL, like.shape(), DType.BOOL, new double[] {value ? 1 : 0});
    }

    VulkanTensor where(VulkanTensor condition, VulkanTensor onTrue, VulkanTensor onFalse) {
        return compute.map("where", "a != 0u ? b : c", onTrue.dtype(), broadcast(condition, onTrue, onFalse), condition, onTrue, onFalse);
    }

    VulkanTensor maskFill(VulkanTensor t, VulkanTensor mask, double value) {
        return compute.map("mask_fill", "b != 0u ? s0 : a", t.dtype(), t.shape(), t.dtype(), new double[] {value}, t, mask);
    }

    VulkanTensor cast(VulkanTensor t, DType dtype) {
        String expr = dtype == DType.BOOL ? (t.dtype() == DType.BOOL ? "a" : "a != " + Glsl.type(t.dtype()) + "(0)") : "a";
        return compute.map("cast", expr, dtype, t.shape(), t);
    }

    VulkanTensor fill(Gpu gpu, Shape shape, double value, DType dtype) {
        return compute.map(gpu, "fill", "s0", dtype, shape, dtype, new double[] {value});
    }

    VulkanTensor logical(String name, String expr, VulkanTensor a, VulkanTensor b) {
        return compute.map(name, expr, DType.BOOL, broadcast(a, b), a, b);
    }

    private static String symbol(Comparison op) {
        return switch (op) {
            case EQ -> "==";
            case NE -> "!=";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
        };
    }
}
