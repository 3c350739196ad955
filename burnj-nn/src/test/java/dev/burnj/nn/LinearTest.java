package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void stateMatchesPytorchNamesAndShapes() {
        Linear layer = LinearConfig.of(5, 3).init(f64(CPU));
        assertEquals(List.of("weight", "bias"), List.copyOf(layer.namedParameters().keySet()));
        assertEquals(Shape.of(3, 5), layer.weight().shape());
        assertEquals(Shape.of(3), layer.bias().shape());
        assertEquals(18, layer.numParams());
        Linear noBias = LinearConfig.of(5, 3).withBias(false).init(f64(CPU));
        assertNull(noBias.bias());
        assertEquals(List.of("weight"), List.copyOf(noBias.namedParameters().keySet()));
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Linear layer = LinearConfig.of(400, 300).init(f64(CPU));
        double bound = 1 / Math.sqrt(400);
        double[] w = layer.weight().value().toDoubleArray();
        double max = 0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max <= bound && max > 0.99 * bound, "max |w| " + max + " vs bound " + bound);
        assertEquals(bound / Math.sqrt(3), Support.std(w), 0.02 * bound);
        for (double b : layer.bias().value().toDoubleArray()) {
            assertTrue(Math.abs(b) <= bound);
        }
    }

    @Test
    void forwardMatchesAPlainLoop() {
        Linear layer = LinearConfig.of(4, 3).init(f64(CPU));
        double[] x = randoms(2 * 4, 1);
        double[] expected = Reference.linear(x, 2, 4, layer.weight().value().toDoubleArray(), 3, layer.bias().value().toDoubleArray());
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 out = layer.forward(Tensor2.from(data(x, 2, 4), CPU));
            assertEquals(Shape.of(2, 3), out.shape());
            assertClose(expected, out.toDoubleArray(), 1e-12);
            double[] seq = randoms(2 * 3 * 4, 2);
            Tensor3 out3 = layer.forward(Tensor3.from(data(seq, 2, 3, 4), CPU));
            assertEquals(Shape.of(2, 3, 3), out3.shape());
            assertClose(Reference.linear(seq, 6, 4, layer.weight().value().toDoubleArray(), 3, layer.bias().value().toDoubleArray()),
                    out3.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void gradientsOfWeightBiasAndInputMatchTheAnalyticForm() {
        int n = 3, in = 4, out = 2;
        Linear layer = LinearConfig.of(in, out).init(f64(AD));
        double[] x = randoms(n * in, 3);
        double[] r = randoms(n * out, 4);
        double[] w = layer.weight().value().toDoubleArray();
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 input = Tensor2.from(data(x, n, in), AD).requireGrad();
            Tensor1 loss = layer.forward(input).mul(Tensor2.from(data(r, n, out), AD)).sum();
            try (Grads grads = loss.backward()) {
                double[] dw = new double[out * in];
                double[] db = new double[out];
                double[] dx = new double[n * in];
                for (int s = 0; s < n; s++) {
                    for (int o = 0; o < out; o++) {
                        db[o] += r[s * out + o];
                        for (int i = 0; i < in; i++) {
                            dw[o * in + i] += r[s * out + o] * x[s * in + i];
                            dx[s * in + i] += r[s * out + o] * w[o * in + i];
                        }
                    }
                }
                assertClose(dw, grads.get(layer.weight().value()).toDoubleArray(), 1e-12);
                assertClose(db, grads.get(layer.bias().value()).toDoubleArray(), 1e-12);
                assertClose(dx, grads.get(input).toDoubleArray(), 1e-12);
            }
        }
    }

    @Test
    void wrongInputWidthNamesTheLayerAndShape() {
        Linear layer = LinearConfig.of(4, 3).init(f64(CPU));
        try (Tensor2 x = Tensor2.zeros(Shape.of(2, 5), f64(CPU))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x));
            assertTrue(e.getMessage().contains("Linear") && e.getMessage().contains("[2, 5]") && e.getMessage().contains("4"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> LinearConfig.of(0, 3));
    }
}
