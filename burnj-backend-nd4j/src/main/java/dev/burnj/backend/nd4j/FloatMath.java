package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Ceil;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;

/** Elementwise float functions, each one legacy libnd4j transform (a single native call) into a preallocated output. */
final class FloatMath {
    /** The unary transforms this backend runs natively, by the legacy op that computes them. */
    enum Unary {
        EXP(Exp::new),
        LOG(Log::new),
        LOG1P(Log1p::new),
        SQRT(Sqrt::new),
        RSQRT(RSqrt::new),
        RECIP(Reciprocal::new),
        SIN(Sin::new),
        COS(Cos::new),
        TANH(Tanh::new),
        ERF(Erf::new),
        FLOOR(Floor::new),
        CEIL(Ceil::new),
        /** rint rounds half to even, as PyTorch's round does; libnd4j's round would go away from zero. */
        ROUND(Rint::new),
        SIGMOID(Sigmoid::new);

        private final BiFunction<INDArray, INDArray, Op> factory;

        Unary(BiFunction<INDArray, INDArray, Op> factory) {
            this.factory = factory;
        }
    }

    private final Tensors tensors;

    FloatMath(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive apply(Unary fn, TensorPrimitive tensor) {
        return tensors.wrap(apply(fn, arr(tensor)));
    }

    static INDArray apply(Unary fn, INDArray x) {
        INDArray out = Tensors.alloc(x.dataType(), x.shape());
        if (out.length() == 0) {
            return out;
        }
        return Kernel.legacy(fn.factory.apply(x, out));
    }

    TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs) {
        return tensors.wrap(Arithmetic.binary("Pow", arr(lhs), arr(rhs)));
    }

    TensorPrimitive powScalar(TensorPrimitive tensor, double exponent) {
        INDArray x = arr(tensor);
        INDArray out = Tensors.alloc(x.dataType(), x.shape());
        if (out.length() == 0) {
            return tensors.wrap(out);
        }
        return tensors.wrap(Kernel.legacy(new Pow(x, out, exponent)));
    }
}
