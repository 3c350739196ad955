package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private static final double[] X = randoms(2 * 3 * 6 * 5, 11);

    private static double[] run(java.util.function.Function<Tensor4, Tensor4> layer, Shape expectedShape) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = layer.apply(Tensor4.from(data(X, 2, 3, 6, 5), CPU));
            assertEquals(expectedShape, out.shape());
            return out.toDoubleArray();
        }
    }

    @Test
    void maxAndAvgPool2dMatchPlainLoops() {
        MaxPool2d max = MaxPool2dConfig.of(2).init();
        assertClose(Reference.pool2d(X, 6, 6, 5, 2, 2, 0, true), run(max::forward, Shape.of(2, 3, 3, 2)), 1e-12);
        MaxPool2d padded = MaxPool2dConfig.of(3).withStride(1).withPadding(1).init();
        assertClose(Reference.pool2d(X, 6, 6, 5, 3, 1, 1, true), run(padded::forward, Shape.of(2, 3, 6, 5)), 1e-12);
        AvgPool2d avg = AvgPool2dConfig.of(3).withStride(2).withPadding(1).init();
        assertClose(Reference.pool2d(X, 6, 6, 5, 3, 2, 1, false), run(avg::forward, Shape.of(2, 3, 3, 3)), 1e-12);
        assertEquals(0, max.numParams());
    }

    @Test
    void onedPoolsMatchTheTwoDimensionalLoopWithUnitHeight() {
        double[] x = randoms(2 * 3 * 7, 12);
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 in = Tensor3.from(data(x, 2, 3, 7), CPU);
            Tensor3 max = MaxPool1dConfig.of(2).init().forward(in);
            assertEquals(Shape.of(2, 3, 3), max.shape());
            double[] expectedMax = new double[18];
            double[] expectedAvg = new double[18];
            for (int p = 0; p < 6; p++) {
                for (int i = 0; i < 3; i++) {
                    double a = x[p * 7 + 2 * i];
                    double b = x[p * 7 + 2 * i + 1];
                    expectedMax[p * 3 + i] = Math.max(a, b);
                    expectedAvg[p * 3 + i] = (a + b) / 2;
                }
            }
            assertClose(expectedMax, max.toDoubleArray(), 1e-12);
            assertClose(expectedAvg, AvgPool1dConfig.of(2).init().forward(in).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void adaptiveAvgPoolCoversUnevenWindows() {
        AdaptiveAvgPool2d pool = AdaptiveAvgPool2dConfig.of(4, 3).init();
        assertClose(Reference.adaptiveAvgPool2d(X, 6, 6, 5, 4, 3), run(pool::forward, Shape.of(2, 3, 4, 3)), 1e-12);
        AdaptiveAvgPool2d global = AdaptiveAvgPool2dConfig.of(1).init();
        assertClose(Reference.adaptiveAvgPool2d(X, 6, 6, 5, 1, 1), run(global::forward, Shape.of(2, 3, 1, 1)), 1e-12);
    }

    @Test
    void upsampleNearestAndBilinearMatchPlainLoops() {
        Upsample nearest = UpsampleConfig.ofScale(2).init();
        assertClose(Reference.resize(X, 6, 6, 5, 12, 10, false), run(nearest::forward, Shape.of(2, 3, 12, 10)), 1e-12);
        Upsample bilinear = UpsampleConfig.ofSize(9, 7).withMode(InterpolateMode.BILINEAR).init();
        assertClose(Reference.resize(X, 6, 6, 5, 9, 7, true), run(bilinear::forward, Shape.of(2, 3, 9, 7)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new UpsampleConfig(4, null, 2.0, InterpolateMode.NEAREST));
    }

    @Test
    void maxPoolRoutesTheGradientToEachWindowsMaximum() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 x = Tensor4.from(data(X, 2, 3, 6, 5), AD).requireGrad();
            try (Grads grads = MaxPool2dConfig.of(2).init().forward(x).sum().backward()) {
                double[] g = grads.get(x).toDoubleArray();
                double[] expected = new double[X.length];
                for (int p = 0; p < 6; p++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 2; j++) {
                            int best = -1;
                            for (int a = 0; a < 2; a++) {
                                for (int b = 0; b < 2; b++) {
                                    int idx = (p * 6 + 2 * i + a) * 5 + 2 * j + b;
                                    if (best < 0 || X[idx] > X[best]) {
                                        best = idx;
                                    }
                                }
                            }
                            expected[best] = 1;
                        }
                    }
                }
                assertClose(expected, g, 0);
            }
        }
    }

    @Test
    void paddingLargerThanHalfTheKernelIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaxPool2dConfig.of(2).withPadding(2));
        assertTrue(e.getMessage().startsWith("MaxPool2d:"), e.getMessage());
    }
}
