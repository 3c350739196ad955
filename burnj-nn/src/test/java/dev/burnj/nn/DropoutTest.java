package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.random.Generator;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void trainingZeroesAboutPAndScalesSurvivorsByOneOverKeep() {
        double p = 0.3;
        Dropout dropout = DropoutConfig.of(p).init(Generator.of(1));
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 x = Tensor2.full(Shape.of(200, 500), 2.0, f64(CPU));
            double[] y = dropout.forward(x).toDoubleArray();
            int kept = 0;
            for (double v : y) {
                assertTrue(v == 0 || Math.abs(v - 2 / (1 - p)) < 1e-12, "value " + v);
                kept += v == 0 ? 0 : 1;
            }
            assertEquals(1 - p, kept / (double) y.length, 0.005);
        }
    }

    @Test
    void evalIsTheIdentityAndSeedsReproduceMasks() {
        double[] values = randoms(2 * 3 * 4 * 4, 2);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 x = Tensor4.from(data(values, 2, 3, 4, 4), CPU);
            Dropout a = DropoutConfig.of(0.5).init(Generator.of(9));
            Dropout b = DropoutConfig.of(0.5).init(Generator.of(9));
            assertArrayEquals(a.forward(x).toDoubleArray(), b.forward(x).toDoubleArray());
            a.eval();
            assertArrayEquals(values, a.forward(x).toDoubleArray());
            assertArrayEquals(values, DropoutConfig.of(0).init().forward(x).toDoubleArray());
            assertEquals(0.0, DropoutConfig.of(1).init().forward(x).abs().sum().item());
        }
    }

    @Test
    void theGradientIsTheScaledMask() {
        Dropout dropout = DropoutConfig.of(0.25).init(Generator.of(3));
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 x = Tensor2.from(data(randoms(40, 3), 4, 10), AD).requireGrad();
            Tensor2 y = dropout.forward(x);
            double[] yv = y.toDoubleArray();
            double[] xv = x.toDoubleArray();
            try (Grads grads = y.sum().backward()) {
                double[] g = grads.get(x).toDoubleArray();
                for (int i = 0; i < g.length; i++) {
                    assertEquals(yv[i] == 0 ? 0 : 1 / 0.75, g[i], 1e-12);
                    assertEquals(yv[i], g[i] * xv[i], 1e-12);
                }
            }
        }
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DropoutConfig.of(1.5));
    }
}
