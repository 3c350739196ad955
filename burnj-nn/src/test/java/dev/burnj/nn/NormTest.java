package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormTest {
    private static final double[] GAMMA = {0.5, 2.0, -1.0, 1.5};
    private static final double[] BETA = {0.1, -0.2, 0.3, 0.0};

    @Test
    void layerNormNormalisesTheLastDimThenScalesAndShifts() {
        LayerNorm norm = LayerNormConfig.of(4).init(f64(CPU));
        assertEquals(List.of("weight", "bias"), List.copyOf(norm.namedParameters().keySet()));
        norm.weight().set(Tensor1.from(data(GAMMA, 4), CPU));
        norm.bias().set(Tensor1.from(data(BETA, 4), CPU));
        double[] x = randoms(2 * 3 * 4, 40);
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 out = norm.forward(Tensor3.from(data(x, 2, 3, 4), CPU));
            assertClose(Reference.layerNorm(x, 6, 4, GAMMA, BETA, 1e-5), out.toDoubleArray(), 1e-10);
            norm.eval();
            Tensor2 rows = norm.forward(Tensor2.from(data(x, 6, 4), CPU));
            assertClose(Reference.layerNorm(x, 6, 4, GAMMA, BETA, 1e-5), rows.toDoubleArray(), 1e-10);
            assertThrows(IllegalArgumentException.class, () -> norm.forward(Tensor2.zeros(Shape.of(2, 3), f64(CPU))));
        }
    }

    @Test
    void layerNormGradientMatchesFiniteDifferencesOfTheReference() {
        LayerNorm norm = LayerNormConfig.of(4).init(f64(AD));
        double[] x = randoms(3 * 4, 41);
        double[] r = randoms(3 * 4, 42);
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 input = Tensor2.from(data(x, 3, 4), AD).requireGrad();
            Tensor1 loss = norm.forward(input).mul(Tensor2.from(data(r, 3, 4), AD)).sum();
            try (Grads grads = loss.backward()) {
                double[] ones = {1, 1, 1, 1};
                double[] zeros = {0, 0, 0, 0};
                assertClose(Support.numericGrad(p -> Support.dot(r, Reference.layerNorm(p, 3, 4, ones, zeros, 1e-5)), x),
                        grads.get(input).toDoubleArray(), 1e-6);
                assertClose(Support.numericGrad(p -> Support.dot(r, Reference.layerNorm(x, 3, 4, p, zeros, 1e-5)), ones),
                        grads.get(norm.weight().value()).toDoubleArray(), 1e-6);
            }
        }
    }

    @Test
    void groupNormNormalisesEachGroupOfEachSample() {
        GroupNorm norm = GroupNormConfig.of(2, 4).init(f64(CPU));
        norm.weight().set(Tensor1.from(data(GAMMA, 4), CPU));
        norm.bias().set(Tensor1.from(data(BETA, 4), CPU));
        double[] x = randoms(2 * 4 * 3 * 2, 43);
        // Each (sample, group) is a contiguous run of 2 channels x 6 positions.
        double[] expected = Reference.layerNorm(x, 4, 12, null, null, 1e-5);
        for (int i = 0; i < expected.length; i++) {
            int c = (i / 6) % 4;
            expected[i] = expected[i] * GAMMA[c] + BETA[c];
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = norm.forward(Tensor4.from(data(x, 2, 4, 3, 2), CPU));
            assertClose(expected, out.toDoubleArray(), 1e-10);
            Tensor3 out3 = norm.forward(Tensor3.from(data(x, 2, 4, 6), CPU));
            assertClose(expected, out3.toDoubleArray(), 1e-10);
        }
        assertThrows(IllegalArgumentException.class, () -> GroupNormConfig.of(3, 4));
    }

    @Test
    void rmsNormScalesByTheRootMeanSquare() {
        RmsNorm norm = RmsNormConfig.of(4).init(f64(CPU));
        assertEquals(List.of("weight"), List.copyOf(norm.namedParameters().keySet()));
        norm.weight().set(Tensor1.from(data(GAMMA, 4), CPU));
        double[] x = randoms(3 * 4, 44);
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 input = Tensor2.from(data(x, 3, 4), CPU);
            assertClose(Reference.rmsNorm(x, 3, 4, GAMMA, Math.ulp(1.0)), norm.forward(input).toDoubleArray(), 1e-10);
            RmsNorm loose = RmsNormConfig.of(4).withEps(0.5).withElementwiseAffine(false).init(f64(CPU));
            Tensor4 out = loose.forward(input.reshape(1, 3, 1, 4));
            assertClose(Reference.rmsNorm(x, 3, 4, null, 0.5), out.toDoubleArray(), 1e-10);
        }
    }
}
