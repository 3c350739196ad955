package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Gradients reaching a tensor along several paths are summed; several leaves each get their own gradient. */
class GradientAccumulationTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    GradientAccumulationTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void sameTensorAsBothOperandsGetsBothContributions() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(x, x))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {2, 4, 6}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void tensorUsedBySeveralOpsSumsTheirGradients() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive square = f.own(ad.mul(x, x));
        TensorPrimitive triple = f.own(ad.mulScalar(x, 3));
        TensorPrimitive y = f.own(ad.sub(f.own(ad.add(square, triple)), x));
        TensorPrimitive loss = f.own(ad.sum(y));
        try (Gradients g = f.backward(loss)) {
            // d/dx (x^2 + 3x - x) = 2x + 2
            assertArrayEquals(new double[] {4, 6, 8}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void diamondGraphAccumulatesAtTheSharedNode() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive a = f.own(ad.mulScalar(x, 2));
        TensorPrimitive b = f.own(ad.addScalar(a, 1));
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(a, b))));
        try (Gradients g = f.backward(loss)) {
            // c = a (a + 1) with a = 2x: dc/dx = (2a + 1) * 2 = 8x + 2
            assertArrayEquals(new double[] {10, 18}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void everyLeafGetsItsOwnGradient() {
        TensorPrimitive w = f.leaf(2, -1);
        TensorPrimitive b = f.leaf(5, 7);
        TensorPrimitive x = f.floats(Shape.of(2), 3, 4);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.add(f.own(ad.mul(w, x)), b))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {3, 4}, f.gradient(g, w), EPS);
            assertArrayEquals(new double[] {1, 1}, f.gradient(g, b), EPS);
            assertEquals(2, g.size(), "only the two leaves get gradients");
        }
    }

    @Test
    void seedWeightsANonScalarRoot() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive y = f.own(ad.mulScalar(x, 3));
        TensorPrimitive seed = f.floats(Shape.of(3), 1, 2, 3);
        try (Gradients g = f.grad().backward(y, seed)) {
            assertArrayEquals(new double[] {3, 6, 9}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void backwardFromALeafReturnsTheSeed() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive seed = f.floats(Shape.of(2), 5, -4);
        try (Gradients g = f.grad().backward(x, seed)) {
            assertArrayEquals(new double[] {5, -4}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void leafReusedAcrossStepsGetsFreshGradientsEachTime() {
        TensorPrimitive w = f.leaf(1, 2);
        for (int step = 1; step <= 3; step++) {
            TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(w, step))));
            try (Gradients g = f.backward(loss)) {
                // No accumulation across passes: each container holds only its own pass's gradient.
                assertArrayEquals(new double[] {step, step}, f.gradient(g, w), EPS);
            }
        }
    }
}
