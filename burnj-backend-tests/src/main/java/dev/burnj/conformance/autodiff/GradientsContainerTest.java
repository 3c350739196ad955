package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link Gradients}: keyed by leaf identity, get hands out new references, remove hands over, close releases. */
class GradientsContainerTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    GradientsContainerTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void gradientsAreUntrackedTensorsShapedLikeTheLeafOnItsDevice() {
        TensorPrimitive w = f.leaf(Shape.of(2, 2), 1, 2, 3, 4);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(w, w))));
        try (Gradients g = f.backward(loss)) {
            TensorPrimitive grad = f.own(g.get(w));
            assertEquals(w.shape(), grad.shape());
            assertEquals(w.dtype(), grad.dtype());
            assertEquals(backend.autodiffDevice(), grad.device());
            assertFalse(f.grad().requiresGrad(grad));
        }
    }

    @Test
    void getHandsOutIndependentReferences() {
        TensorPrimitive w = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(w, 3))));
        try (Gradients g = f.backward(loss)) {
            g.get(w).release();
            TensorPrimitive again = f.own(g.get(w));
            assertArrayEquals(new double[] {3, 3}, f.values(again), EPS);
            assertEquals(1, g.size(), "get does not remove");
        }
    }

    @Test
    void removeHandsOverTheReference() {
        TensorPrimitive w = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(w, 3))));
        try (Gradients g = f.backward(loss)) {
            TensorPrimitive taken = f.own(g.remove(w));
            assertNotNull(taken);
            assertEquals(0, g.size());
            assertNull(g.get(w));
            assertNull(g.remove(w));
            assertArrayEquals(new double[] {3, 3}, f.values(taken), EPS);
        }
    }

    @Test
    void keyedByLeafIdentityNotValue() {
        TensorPrimitive a = f.leaf(1, 2);
        TensorPrimitive b = f.leaf(1, 2);
        TensorPrimitive unused = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.add(f.own(ad.mulScalar(a, 2)), f.own(ad.mulScalar(b, 5))))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {2, 2}, f.gradient(g, a), EPS);
            assertArrayEquals(new double[] {5, 5}, f.gradient(g, b), EPS);
            assertNull(g.get(unused), "a leaf the loss does not depend on gets no gradient");
            assertNull(g.get(loss), "intermediate and root gradients are not kept");
            assertEquals(2, g.size());
        }
    }

    @Test
    void referencesTakenSurviveClose() {
        TensorPrimitive w = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(w, 4))));
        Gradients g = f.backward(loss);
        TensorPrimitive kept = f.own(g.get(w));
        g.close();
        assertArrayEquals(new double[] {4, 4}, f.values(kept), EPS);
        assertThrows(IllegalStateException.class, () -> g.get(w), "a closed container cannot be used");
    }

    @Test
    void gradientDtypeFollowsTheLeaf() {
        Assumptions.assumeTrue(backend.supportsF64(), "backend has no F64");
        TensorPrimitive raw = ad.fromData(TensorData.fromDoubles(new double[] {1, 2}, Shape.of(2), DType.F64), backend.autodiffDevice());
        TensorPrimitive w = f.own(f.grad().requireGrad(raw));
        raw.release();
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(w, w))));
        try (Gradients g = f.backward(loss)) {
            TensorPrimitive grad = f.own(g.get(w));
            assertEquals(DType.F64, grad.dtype());
            assertArrayEquals(new double[] {2, 4}, f.values(grad), 0.0);
        }
    }
}
