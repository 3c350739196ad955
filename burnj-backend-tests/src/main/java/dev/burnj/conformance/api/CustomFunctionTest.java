package dev.burnj.conformance.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.burnj.backend.Backend;
import dev.burnj.backend.CustomOp;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.CustomFunction;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user-defined op (forward + backward) takes part in the graph like a built-in op. */
@ExtendWith(BackendExtension.class)
class CustomFunctionTest {
    private final BackendUnderTest backend;

    CustomFunctionTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    /** {@code x^3} with the hand-written derivative {@code 3 x^2}. */
    static final class Cube implements CustomOp {
        @Override
        public String name() {
            return "cube";
        }

        @Override
        public TensorPrimitive forward(Backend b, List<TensorPrimitive> inputs) {
            return b.powScalar(inputs.get(0), 3.0);
        }

        @Override
        public List<TensorPrimitive> backward(Backend b, List<TensorPrimitive> inputs, TensorPrimitive output, TensorPrimitive outputGrad) {
            TensorPrimitive square = b.mul(inputs.get(0), inputs.get(0));
            TensorPrimitive local = b.mulScalar(square, 3.0);
            square.release();
            try {
                return List.of(b.mul(local, outputGrad));
            } finally {
                local.release();
            }
        }
    }

    @Test
    void customOpGradientFlowsAndAccumulatesAcrossUses() {
        try (TensorScope scope = TensorScope.open()) {
            TensorOptions on = TensorOptions.on(backend.autodiffDevice()).withDType(DType.F64);
            Tensor1 x = Tensor1.of(new double[] {-2, 0.5, 3}, on).requireGrad();
            Tensor1 cubed = CustomFunction.apply(new Cube(), Rank.R1, x);
            // loss = sum(cube(x)) + sum(cube(x) * x): dloss/dx = 3x^2 + 4x^3
            Tensor1 loss = cubed.sum().add(cubed.mul(x).sum());
            try (Grads grads = loss.backward()) {
                double[] g = grads.get(x).toDoubleArray();
                double[] expected = new double[3];
                double[] xs = {-2, 0.5, 3};
                for (int i = 0; i < 3; i++) {
                    expected[i] = 3 * xs[i] * xs[i] + 4 * xs[i] * xs[i] * xs[i];
                }
                assertArrayEquals(expected, g, 1e-12);
            }
        }
    }

    @Test
    void customOpRunsForwardOnPlainDevices() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 x = Tensor1.of(new double[] {-2, 0.5, 3}, TensorOptions.on(backend.device()).withDType(DType.F64));
            assertArrayEquals(new double[] {-8, 0.125, 27}, CustomFunction.apply(new Cube(), Rank.R1, x).toDoubleArray(), 1e-12);
        }
    }
}
