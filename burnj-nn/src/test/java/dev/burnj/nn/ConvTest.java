package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvTest {
    @Test
    void weightShapesAndNamesMatchPytorch() {
        Conv2d conv = Conv2dConfig.of(4, 6, 3).withGroups(2).init(f64(CPU));
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
        assertEquals(Shape.of(6, 2, 3, 3), conv.weight().shape());
        assertEquals(Shape.of(6), conv.bias().shape());
        assertEquals(Shape.of(5, 3, 4), Conv1dConfig.of(3, 5, 4).init(f64(CPU)).weight().shape());
        ConvTranspose2d up = ConvTranspose2dConfig.of(4, 6, 3).withGroups(2).init(f64(CPU));
        assertEquals(Shape.of(4, 3, 3, 3), up.weight().shape());
        assertEquals(Shape.of(6), up.bias().shape());
    }

    @Test
    void defaultInitIsBoundedByOneOverSqrtFanIn() {
        Conv2d conv = Conv2dConfig.of(8, 64, 3).withGroups(2).init(f64(CPU));
        double bound = 1 / Math.sqrt(8 / 2 * 9);
        assertWithin(conv.weight().value().toDoubleArray(), bound);
        assertWithin(conv.bias().value().toDoubleArray(), bound);
        // PyTorch computes a transposed convolution's fan-in from weight dim 1 (out/groups).
        ConvTranspose2d up = ConvTranspose2dConfig.of(64, 8, 3).init(f64(CPU));
        assertWithin(up.weight().value().toDoubleArray(), 1 / Math.sqrt(8 * 9));
    }

    private static void assertWithin(double[] values, double bound) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.9 * bound, "max " + max + " vs bound " + bound);
    }

    @Test
    void conv2dWithStridePaddingDilationGroupsMatchesAPlainLoop() {
        Conv2d conv = Conv2dConfig.of(4, 6, 3).withStride(2).withPadding(1).withDilation(1).withGroups(2).init(f64(CPU));
        double[] x = randoms(2 * 4 * 7 * 6, 5);
        double[] expected = Reference.conv2d(x, new int[] {2, 4, 7, 6}, conv.weight().value().toDoubleArray(), new int[] {6, 2, 3, 3},
                conv.bias().value().toDoubleArray(), new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 2);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = conv.forward(Tensor4.from(data(x, 2, 4, 7, 6), CPU));
            assertEquals(Shape.of(2, 6, 4, 3), out.shape());
            assertClose(expected, out.toDoubleArray(), 1e-10);
        }
        Conv2d dilated = Conv2dConfig.of(2, 3, 2).withDilation(2).withBias(false).init(f64(CPU));
        double[] y = randoms(1 * 2 * 5 * 5, 6);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = dilated.forward(Tensor4.from(data(y, 1, 2, 5, 5), CPU));
            assertClose(Reference.conv2d(y, new int[] {1, 2, 5, 5}, dilated.weight().value().toDoubleArray(), new int[] {3, 2, 2, 2}, null,
                    new int[] {1, 1}, new int[] {0, 0}, new int[] {2, 2}, 1), out.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void conv1dMatchesAPlainLoop() {
        Conv1d conv = Conv1dConfig.of(3, 4, 3).withPadding(1).withStride(2).init(f64(CPU));
        double[] x = randoms(2 * 3 * 9, 7);
        double[] expected = Reference.conv2d(x, new int[] {2, 3, 1, 9}, conv.weight().value().toDoubleArray(), new int[] {4, 3, 1, 3},
                conv.bias().value().toDoubleArray(), new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 1}, 1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 out = conv.forward(Tensor3.from(data(x, 2, 3, 9), CPU));
            assertEquals(Shape.of(2, 4, 5), out.shape());
            assertClose(expected, out.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void convTranspose2dMatchesAPlainScatterLoop() {
        ConvTranspose2d up = ConvTranspose2dConfig.of(3, 2, 3).withStride(2).withPadding(1).withOutputPadding(1).init(f64(CPU));
        double[] x = randoms(2 * 3 * 4 * 3, 8);
        double[] expected = Reference.convTranspose2d(x, new int[] {2, 3, 4, 3}, up.weight().value().toDoubleArray(), new int[] {3, 2, 3, 3},
                up.bias().value().toDoubleArray(), 2, 1, 1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = up.forward(Tensor4.from(data(x, 2, 3, 4, 3), CPU));
            assertEquals(Shape.of(2, 2, 8, 6), out.shape());
            assertClose(expected, out.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void conv2dWeightAndBiasGradientsMatchFiniteDifferencesOfTheReference() {
        Conv2d conv = Conv2dConfig.of(2, 3, 2).withPadding(1).init(f64(AD));
        int[] xs = {2, 2, 3, 3};
        int[] ws = {3, 2, 2, 2};
        double[] x = randoms(36, 9);
        double[] w = conv.weight().value().toDoubleArray();
        double[] b = conv.bias().value().toDoubleArray();
        double[] r = randoms(2 * 3 * 4 * 4, 10);
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 loss = conv.forward(Tensor4.from(data(x, xs), AD)).mul(Tensor4.from(data(r, 2, 3, 4, 4), AD)).sum();
            try (Grads grads = loss.backward()) {
                double[] dw = Support.numericGrad(p -> Support.dot(r,
                        Reference.conv2d(x, xs, p, ws, b, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1)), w);
                double[] db = Support.numericGrad(p -> Support.dot(r,
                        Reference.conv2d(x, xs, w, ws, p, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1)), b);
                assertClose(dw, grads.get(conv.weight().value()).toDoubleArray(), 1e-6);
                assertClose(db, grads.get(conv.bias().value()).toDoubleArray(), 1e-6);
            }
        }
    }

    @Test
    void invalidConfigsAndInputsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conv2dConfig.of(3, 4, 3).withGroups(2));
        assertTrue(e.getMessage().startsWith("Conv2d:"), e.getMessage());
        Conv2d conv = Conv2dConfig.of(3, 4, 3).init(f64(CPU));
        try (Tensor4 x = Tensor4.zeros(Shape.of(1, 2, 5, 5), f64(CPU))) {
            e = assertThrows(IllegalArgumentException.class, () -> conv.forward(x));
            assertTrue(e.getMessage().contains("Conv2d") && e.getMessage().contains("[1, 2, 5, 5]"), e.getMessage());
        }
    }
}
