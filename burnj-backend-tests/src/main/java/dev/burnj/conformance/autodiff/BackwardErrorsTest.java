package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Misuse fails with a clear exception: non-scalar roots without a seed, reused graphs, foreign or freed tensors. */
// Counts live nodes, which are shared by every test using this backend: never run concurrently with others.
@Isolated
class BackwardErrorsTest extends AutodiffTestBase {

    BackwardErrorsTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void nonScalarRootWithoutSeedNamesTheShape() {
        TensorPrimitive x = f.leaf(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        TensorPrimitive y = f.own(ad.mulScalar(x, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.grad().backward(y, null));
        assertTrue(e.getMessage().contains(Shape.of(2, 3).toString()), "message names the root shape: " + e.getMessage());
        assertTrue(e.getMessage().contains("seed"), "message says a seed is needed: " + e.getMessage());
    }

    @Test
    void seedOfTheWrongShapeIsRejected() {
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive y = f.own(ad.mulScalar(x, 2));
        TensorPrimitive seed = f.floats(Shape.of(2), 1, 1);
        assertThrows(IllegalArgumentException.class, () -> f.grad().backward(y, seed));
    }

    @Test
    void secondBackwardThroughTheSameGraphFails() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(x, x))));
        f.backward(loss).close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.backward(loss));
        assertTrue(e.getMessage().contains("backward"), "message explains the graph was used by a previous backward: " + e.getMessage());
    }

    @Test
    void secondBackwardThroughASharedSubgraphFails() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive shared = f.own(ad.mul(x, x));
        TensorPrimitive first = f.own(ad.sum(shared));
        TensorPrimitive second = f.own(ad.sum(f.own(ad.mulScalar(shared, 3))));
        f.backward(first).close();
        assertThrows(IllegalStateException.class, () -> f.backward(second));
    }

    @Test
    void failedBackwardLeavesNoLiveNodes() {
        long before = f.grad().liveNodes();
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive shared = f.own(ad.mul(x, x));
        TensorPrimitive first = f.own(ad.sum(shared));
        TensorPrimitive second = f.own(ad.sum(f.own(ad.mulScalar(shared, 3))));
        f.backward(first).close();
        assertThrows(IllegalStateException.class, () -> f.backward(second));
        f.close();
        assertEquals(before, f.grad().liveNodes());
    }

    @Test
    void untrackedRootIsRejected() {
        TensorPrimitive x = f.floats(Shape.of(1), 2);
        assertThrows(IllegalArgumentException.class, () -> f.grad().backward(x, null));
    }

    @Test
    void tensorOfTheInnerBackendIsRejected() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive plain = f.own(backend.plain().fromData(TensorData.fromDoubles(new double[] {1, 2}, Shape.of(2), DType.F32),
                backend.device()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ad.add(x, plain));
        assertTrue(e.getMessage().contains(ad.name()), "message names the autodiff backend: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.grad().requireGrad(plain));
    }

    @Test
    void deviceOfTheInnerBackendIsRejected() {
        TensorData data = TensorData.fromDoubles(new double[] {1}, Shape.of(1), DType.F32);
        assertThrows(IllegalArgumentException.class, () -> ad.fromData(data, backend.device()));
    }

    @Test
    void freedTensorIsRejected() {
        TensorPrimitive x = ad.fromData(TensorData.fromDoubles(new double[] {1, 2}, Shape.of(2), DType.F32), backend.autodiffDevice());
        x.release();
        assertThrows(IllegalStateException.class, () -> ad.mulScalar(x, 2));
    }

    @Test
    void gradientsFromAnotherBackendCannotBeLookedUp() {
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(x));
        TensorPrimitive plain = f.own(backend.plain().fromData(TensorData.fromDoubles(new double[] {1, 2}, Shape.of(2), DType.F32),
                backend.device()));
        try (Gradients g = f.backward(loss)) {
            assertThrows(IllegalArgumentException.class, () -> g.get(plain));
        }
    }
}
