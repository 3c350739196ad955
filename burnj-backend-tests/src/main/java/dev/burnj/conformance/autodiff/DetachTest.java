package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Detaching, the composition-internal detach and {@code requireGrad} on a non-leaf all cut the graph. */
class DetachTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    DetachTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void detachedOperandIsAConstant() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive constant = f.own(f.grad().detach(x));
        assertFalse(f.grad().requiresGrad(constant));
        assertTrue(f.grad().requiresGrad(x), "detaching does not change the original");
        assertArrayEquals(new double[] {1, 2, 3}, f.values(constant), EPS);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(x, constant))));
        try (Gradients g = f.backward(loss)) {
            // Only the tracked factor contributes: d/dx (x * c) = c, not 2x.
            assertArrayEquals(new double[] {1, 2, 3}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void detachForCompositionCutsTheGraphLikeDetach() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive constant = f.own(ad.detachForComposition(x));
        assertFalse(f.grad().requiresGrad(constant));
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(x, constant))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {1, 2, 3}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void requireGradOnAnIntermediateMakesANewLeaf() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive y = f.own(ad.mulScalar(x, 2));
        TensorPrimitive z = f.own(f.grad().requireGrad(y));
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(z, z))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {4, 8}, f.gradient(g, z), EPS);
            assertNull(g.get(x), "the new leaf has no history, so nothing flows to x");
        }
    }

    @Test
    void requireGradOnALeafKeepsTheLeaf() {
        TensorPrimitive x = f.leaf(3, 4);
        TensorPrimitive same = f.own(f.grad().requireGrad(x));
        assertSame(x, same, "a leaf is already a leaf");
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(x, 5))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {5, 5}, f.gradient(g, same), EPS);
        }
    }

    @Test
    void untrackedInputsGetNoGradient() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive c = f.floats(Shape.of(2), 3, 4);
        assertFalse(f.grad().requiresGrad(c));
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(x, c))));
        try (Gradients g = f.backward(loss)) {
            assertNull(g.get(c));
            assertArrayEquals(new double[] {3, 4}, f.gradient(g, x), EPS);
        }
    }
}
