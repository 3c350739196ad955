package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;

/**
 * Fused activation kernels. Each matches the SPI's composed default; GELU is built from native pieces because
 * libnd4j's own GELU kernels are approximations that differ from both PyTorch variants.
 */
final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private final Tensors tensors;

    Activations(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive relu(TensorPrimitive t) {
        INDArray x = arr(t);
        // The declarable op: the legacy RectifiedLinear boxes its cutoff into a new array on every call.
        return tensors.wrap(Kernel.custom("relu").in(x).out(out(x)).doubles(0.0).exec1());
    }

    TensorPrimitive leakyRelu(TensorPrimitive t, double slope) {
        INDArray x = arr(t);
        // The legacy op keeps the slope in double precision; the declarable lrelu rounds it to float.
        return tensors.wrap(Kernel.legacy(new LeakyReLU(x, out(x), slope)));
    }

    TensorPrimitive silu(TensorPrimitive t) {
        INDArray x = arr(t);
        return tensors.wrap(Kernel.legacy(new Swish(x, out(x))));
    }

    TensorPrimitive softmax(TensorPrimitive t, int dim) {
        INDArray x = arr(t);
        return tensors.wrap(Kernel.custom("softmax").in(x).out(out(x)).ints(dim).exec1());
    }

    /** {@code x * (1 + inner) / 2}, with inner {@code erf(x / sqrt 2)} or {@code tanh(sqrt(2/pi) (x + 0.044715 x^3))}. */
    TensorPrimitive gelu(TensorPrimitive t, boolean tanhApproximation) {
        INDArray x = arr(t);
        INDArray inner = out(x);
        if (tanhApproximation) {
            Kernel.custom("multiply").in(x, x).out(inner).exec();
            Kernel.legacy(new ScalarMultiplication(inner, null, inner, 0.044715 * SQRT_2_OVER_PI));
            Kernel.legacy(new ScalarAdd(inner, null, inner, SQRT_2_OVER_PI));
            Kernel.custom("multiply").in(inner, x).out(inner).exec();
            Kernel.legacy(new Tanh(inner, inner));
        } else {
            Kernel.legacy(new ScalarMultiplication(x, null, inner, 1.0 / Math.sqrt(2.0)));
            Kernel.legacy(new Erf(inner, inner));
        }
        Kernel.legacy(new ScalarAdd(inner, null, inner, 1.0));
        Kernel.legacy(new ScalarMultiplication(inner, null, inner, 0.5));
        return tensors.wrap(Kernel.custom("multiply").in(inner, x).out(inner).exec1());
    }

    private static INDArray out(INDArray x) {
        return Tensors.alloc(x.dataType(), x.shape());
    }
}
