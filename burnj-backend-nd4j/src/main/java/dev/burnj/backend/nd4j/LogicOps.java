package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.bool.All;
import org.nd4j.linalg.api.ops.impl.reduce.bool.Any;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarGreaterThan;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThan;

/** Comparisons, selection and boolean logic; every comparison produces a BOOL tensor. */
final class LogicOps {
    private final Tensors tensors;

    LogicOps(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive compare(TensorPrimitive lhs, TensorPrimitive rhs, Comparison op) {
        return tensors.wrap(boolBinary(kernelName(op), arr(lhs), arr(rhs)));
    }

    TensorPrimitive compareScalar(TensorPrimitive lhs, double rhs, Comparison op) {
        INDArray x = arr(lhs);
        if (lhs.dtype().isInt() && rhs != Math.rint(rhs)) {
            // libnd4j would cast the scalar to the tensor's int type, truncating it; compare against the
            // nearest integers instead, which gives the exact answer for a non-integral (or infinite/NaN) scalar.
            INDArray z = Tensors.alloc(DType.BOOL, lhs.shape());
            return z.length() == 0 ? tensors.wrap(z) : integerVersusFraction(x, z, rhs, op);
        }
        // The broadcasting kernel with a cached scalar: the legacy scalar comparisons box the value anew on every call.
        try (ScalarCache.Lease scalar = ScalarCache.SHARED.lease(x.dataType(), rhs)) {
            return tensors.wrap(boolBinary(kernelName(op), x, scalar.array()));
        }
    }

    private TensorPrimitive integerVersusFraction(INDArray x, INDArray z, double rhs, Comparison op) {
        if (Double.isNaN(rhs) || op == Comparison.EQ || op == Comparison.NE) {
            return tensors.wrap(z.assign(op == Comparison.NE));
        }
        if (Double.isInfinite(rhs)) {
            boolean greater = op == Comparison.GT || op == Comparison.GE;
            return tensors.wrap(z.assign(greater == (rhs < 0)));
        }
        // For integral x and fractional r: x > r and x >= r both mean x > floor(r); x < r and x <= r mean x < ceil(r).
        boolean greater = op == Comparison.GT || op == Comparison.GE;
        double bound = greater ? Math.floor(rhs) : Math.ceil(rhs);
        return tensors.wrap(Kernel.legacy(greater ? new ScalarGreaterThan(x, z, bound) : new ScalarLessThan(x, z, bound)));
    }

    TensorPrimitive where(TensorPrimitive condition, TensorPrimitive onTrue, TensorPrimitive onFalse) {
        long[] shape = Broadcasting.shape("where", Broadcasting.shape("where", arr(condition).shape(), arr(onTrue).shape()),
                arr(onFalse).shape());
        return tensors.wrap(select(arr(condition), arr(onTrue), arr(onFalse), shape));
    }

    TensorPrimitive maskFill(TensorPrimitive tensor, TensorPrimitive mask, double value) {
        try (ScalarCache.Lease fill = ScalarCache.SHARED.lease(arr(tensor).dataType(), value)) {
            return tensors.wrap(select(arr(mask), fill.array(), arr(tensor), Tensors.longs(tensor.shape())));
        }
    }

    TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs) {
        return tensors.wrap(boolBinary("boolean_and", arr(lhs), arr(rhs)));
    }

    TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs) {
        return tensors.wrap(boolBinary("boolean_or", arr(lhs), arr(rhs)));
    }

    TensorPrimitive xor(TensorPrimitive lhs, TensorPrimitive rhs) {
        return tensors.wrap(boolBinary("boolean_xor", arr(lhs), arr(rhs)));
    }

    TensorPrimitive not(TensorPrimitive tensor) {
        INDArray out = Tensors.alloc(DType.BOOL, tensor.shape());
        if (out.length() == 0) {
            return tensors.wrap(out);
        }
        return tensors.wrap(Kernel.custom("boolean_not").in(arr(tensor)).out(out).exec1());
    }

    TensorPrimitive any(TensorPrimitive tensor) {
        return reduceBool(tensor, false);
    }

    TensorPrimitive all(TensorPrimitive tensor) {
        return reduceBool(tensor, true);
    }

    private TensorPrimitive reduceBool(TensorPrimitive tensor, boolean all) {
        if (tensor.shape().numel() == 0) {
            // The identity of the reduction: nothing is true, and everything (of nothing) is.
            return tensors.wrap(HostTransfer.full(Shape.of(1), all ? 1 : 0, DType.BOOL));
        }
        INDArray x = arr(tensor);
        INDArray z = Tensors.alloc(DataType.BOOL, new long[0]);
        INDArray r = Kernel.legacy(all ? new All(x, z) : new Any(x, z));
        return tensors.wrap(Tensors.reshaped(r, 1));
    }

    /** {@code condition ? a : b}, broadcast to {@code shape}. */
    private static INDArray select(INDArray condition, INDArray a, INDArray b, long[] shape) {
        INDArray out = Tensors.alloc(a.dataType(), shape);
        if (out.length() == 0) {
            return out;
        }
        INDArray c = operand(condition, shape, out.length());
        INDArray x = operand(a, shape, out.length());
        INDArray y = operand(b, shape, out.length());
        try {
            // libnd4j's select takes ~70 ns an element; the direct loop is one pass over memory.
            DirectLoops.select(c, x, y, out);
            return out;
        } finally {
            Tensors.closeTemp(c, condition);
            Tensors.closeTemp(x, a);
            Tensors.closeTemp(y, b);
        }
    }

    /** {@code a} as the direct select loop takes it: as is when dense and full-sized or a single element, else broadcast into a dense copy. */
    private static INDArray operand(INDArray a, long[] shape, long length) {
        if (a.length() == 1 || (a.length() == length && DirectLoops.isDense(a))) {
            return a;
        }
        INDArray expanded = Broadcasting.expand(a, shape);
        INDArray dense = expanded.dup('c');
        Tensors.closeTemp(expanded, a);
        return dense;
    }

    private static INDArray boolBinary(String op, INDArray a, INDArray b) {
        long[] shape = Broadcasting.shape(op, a.shape(), b.shape());
        INDArray out = Tensors.alloc(DataType.BOOL, shape);
        if (out.length() == 0) {
            return out;
        }
        return Kernel.custom(op).in(a, b).out(out).exec1();
    }

    private static String kernelName(Comparison op) {
        return switch (op) {
            case EQ -> "equals";
            case NE -> "not_equals";
            case GT -> "greater";
            case GE -> "greater_equal";
            case LT -> "less";
            case LE -> "less_equal";
        };
    }
}
