package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;

/**
 * Elementwise arithmetic for float and int tensors. Binary ops use libnd4j's broadcastable kernels, which handle
 * NumPy broadcasting on both sides; scalar ops use single-call legacy kernels. Integer division and remainder follow
 * PyTorch's floor semantics, which libnd4j's integer kernels do not (its floordiv truncates).
 */
final class Arithmetic {
    private final Tensors tensors;

    Arithmetic(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive binary(String op, TensorPrimitive lhs, TensorPrimitive rhs) {
        return tensors.wrap(binary(op, arr(lhs), arr(rhs)));
    }

    /** Runs a broadcastable libnd4j op into a freshly allocated output of the broadcast shape. */
    static INDArray binary(String op, INDArray a, INDArray b) {
        long[] shape = Broadcasting.shape(op, a.shape(), b.shape());
        INDArray out = Tensors.alloc(a.dataType(), shape);
        if (out.length() == 0) {
            return out;
        }
        return Kernel.custom(op).in(a, b).out(out).exec1();
    }

    TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs) {
        if (lhs.dtype().isFloat()) {
            return binary("divide", lhs, rhs);
        }
        return tensors.wrap(floorDiv(arr(lhs), arr(rhs)));
    }

    TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs) {
        return binary("floormod", lhs, rhs);
    }

    TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs) {
        return withScalar("floormod", lhs, rhs);
    }

    // Scalar operands go through the broadcasting kernels with a cached rank-0 array: ND4J's legacy scalar ops box
    // the value into a new array on every call.
    TensorPrimitive addScalar(TensorPrimitive t, double v) {
        return withScalar("add", t, v);
    }

    TensorPrimitive mulScalar(TensorPrimitive t, double v) {
        return withScalar("multiply", t, v);
    }

    TensorPrimitive rsubScalar(TensorPrimitive t, double v) {
        return withScalar("reversesubtract", t, v);
    }

    TensorPrimitive divScalar(TensorPrimitive t, double v) {
        if (t.dtype().isFloat()) {
            return withScalar("divide", t, v);
        }
        try (ScalarCache.Lease s = ScalarCache.SHARED.lease(arr(t).dataType(), v)) {
            return tensors.wrap(floorDiv(arr(t), s.array()));
        }
    }

    private TensorPrimitive withScalar(String op, TensorPrimitive t, double v) {
        try (ScalarCache.Lease s = ScalarCache.SHARED.lease(arr(t).dataType(), v)) {
            return tensors.wrap(binary(op, arr(t), s.array()));
        }
    }

    TensorPrimitive neg(TensorPrimitive t) {
        return scalar(new Negative(arr(t), out(t)));
    }

    TensorPrimitive abs(TensorPrimitive t) {
        return scalar(new Abs(arr(t), out(t)));
    }

    TensorPrimitive sign(TensorPrimitive t) {
        return scalar(new Sign(arr(t), out(t)));
    }

    TensorPrimitive clamp(TensorPrimitive t, double min, double max) {
        INDArray a = arr(t);
        if (t.shape().numel() == 0) {
            return t.retain();
        }
        if (t.dtype().isFloat()) {
            return tensors.wrap(Kernel.custom("clipbyvalue").in(a).out(out(t)).doubles(min, max).exec1());
        }
        // libnd4j's clipbyvalue is float-only; integer bounds clamp with two scalar passes, skipping infinite ones.
        INDArray current = a;
        if (min != Double.NEGATIVE_INFINITY) {
            current = Kernel.legacy(new ScalarMax(current, null, out(t), (long) Math.ceil(min)));
        }
        if (max != Double.POSITIVE_INFINITY) {
            INDArray next = Kernel.legacy(new ScalarMin(current, null, out(t), (long) Math.floor(max)));
            if (current != a) {
                current.close();
            }
            current = next;
        }
        return current == a ? t.retain() : tensors.wrap(current);
    }

    /** Floor division of integers: {@code (a - floormod(a, b)) / b} is exact, so truncating division gives the floor. */
    private static INDArray floorDiv(INDArray a, INDArray b) {
        INDArray mod = binary("floormod", a, b);
        INDArray exact = binary("subtract", a, mod);
        mod.close();
        Kernel.custom("divide").in(exact, b).out(exact).exec();
        return exact;
    }

    private TensorPrimitive scalar(Op op) {
        if (op.x().length() == 0) {
            return tensors.wrap(op.z());
        }
        return tensors.wrap(Kernel.legacy(op));
    }

    private static INDArray out(TensorPrimitive t) {
        return Tensors.alloc(t.dtype(), t.shape());
    }
}
