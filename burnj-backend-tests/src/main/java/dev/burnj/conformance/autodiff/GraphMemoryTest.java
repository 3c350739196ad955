package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.MemoryStats;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Graph memory is deterministic: nodes live exactly as long as a tensor or child node refers to them, backward frees
 * what it walks, and over thousands of steps the live node count (and, when the backend reports it, the live tensor
 * count) returns to its baseline.
 */
// Counts live nodes, which are shared by every test using this backend: never run concurrently with others.
@Isolated
class GraphMemoryTest extends AutodiffTestBase {
    private static final int STEPS = 10_000;
    private static final double EPS = 1e-5;

    GraphMemoryTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void nodesLiveWhileReferencedAndBackwardFreesThem() {
        long base = f.grad().liveNodes();
        TensorPrimitive w = f.leaf(1, 2);
        assertEquals(base + 1, f.grad().liveNodes(), "a leaf is one node");
        TensorPrimitive y = f.own(ad.mulScalar(w, 3));
        TensorPrimitive loss = f.own(ad.sum(y));
        assertEquals(base + 3, f.grad().liveNodes(), "leaf, mulScalar and sum");
        f.backward(loss).close();
        assertEquals(base + 1, f.grad().liveNodes(), "backward frees the op nodes even while their tensors are held");
        f.close();
        assertEquals(base, f.grad().liveNodes());
    }

    @Test
    void releasingTensorsWithoutBackwardFreesTheGraph() {
        long base = f.grad().liveNodes();
        TensorPrimitive w = f.leaf(1, 2);
        TensorPrimitive y = ad.mulScalar(w, 3);
        TensorPrimitive loss = ad.sum(y);
        y.release();
        assertEquals(base + 3, f.grad().liveNodes(), "the sum node still holds the mulScalar node");
        loss.release();
        assertEquals(base + 1, f.grad().liveNodes(), "releasing the last tensor frees the whole chain down to the leaf");
    }

    @Test
    void intermediatesReleasedBeforeBackwardStayAvailableToIt() {
        TensorPrimitive w = f.leaf(1, 2);
        TensorPrimitive x = f.floats(Shape.of(2), 3, 4);
        TensorPrimitive y = ad.mul(w, x);
        TensorPrimitive z = ad.mul(y, y);
        y.release();
        TensorPrimitive loss = f.own(ad.sum(z));
        z.release();
        try (Gradients g = f.backward(loss)) {
            // d/dw sum((w x)^2) = 2 w x^2
            assertArrayEquals(new double[] {18, 64}, f.gradient(g, w), EPS);
        }
    }

    @Test
    void trainingStepsReturnToBaseline() {
        long base = f.grad().liveNodes();
        MemoryStats before = backend.plain().memoryStats();
        TensorPrimitive w = ad.fromData(TensorData.fromDoubles(new double[] {0.5, -0.5}, Shape.of(2), DType.F32), backend.autodiffDevice());
        TensorPrimitive leaf = f.grad().requireGrad(w);
        w.release();
        TensorData input = TensorData.fromDoubles(new double[] {1, 2}, Shape.of(2), DType.F32);
        for (int step = 0; step < STEPS; step++) {
            TensorPrimitive x = ad.fromData(input, backend.autodiffDevice());
            TensorPrimitive y = ad.mul(leaf, x);
            TensorPrimitive z = ad.addScalar(y, 1);
            TensorPrimitive loss = ad.sum(z);
            Gradients g = f.backward(loss);
            TensorPrimitive grad = g.remove(leaf);
            grad.release();
            g.close();
            for (TensorPrimitive t : new TensorPrimitive[] {x, y, z, loss}) {
                t.release();
            }
        }
        assertEquals(base + 1, f.grad().liveNodes(), "only the leaf survives " + STEPS + " steps");
        leaf.release();
        assertEquals(base, f.grad().liveNodes());
        assertSameLiveTensors(before, backend.plain().memoryStats());
    }

    @Test
    void forwardOnlyStepsReleasedWithoutBackwardReturnToBaseline() {
        long base = f.grad().liveNodes();
        MemoryStats before = backend.plain().memoryStats();
        TensorPrimitive leaf = f.leaf(0.5, -0.5);
        for (int step = 0; step < STEPS; step++) {
            TensorPrimitive y = ad.mul(leaf, leaf);
            TensorPrimitive loss = ad.sum(y);
            y.release();
            loss.release();
        }
        assertEquals(base + 1, f.grad().liveNodes(), "forward graphs are freed when their tensors are");
        f.close();
        assertEquals(base, f.grad().liveNodes());
        assertSameLiveTensors(before, backend.plain().memoryStats());
    }

    @Test
    void deepChainsAreDifferentiatedAndFreedWithoutRecursion() {
        long base = f.grad().liveNodes();
        TensorPrimitive x = f.leaf(1.0);
        TensorPrimitive current = x.retain();
        for (int i = 0; i < STEPS; i++) {
            TensorPrimitive next = ad.addScalar(current, 1);
            current.release();
            current = next;
        }
        TensorPrimitive loss = f.own(ad.sum(current));
        current.release();
        assertEquals(base + STEPS + 2, f.grad().liveNodes());
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {1}, f.gradient(g, x), EPS);
        }
        f.close();
        assertEquals(base, f.grad().liveNodes());

        TensorPrimitive y = f.leaf(1.0);
        TensorPrimitive chain = y.retain();
        for (int i = 0; i < STEPS; i++) {
            TensorPrimitive next = ad.mulScalar(chain, 1);
            chain.release();
            chain = next;
        }
        chain.release();
        assertEquals(base + 1, f.grad().liveNodes(), "releasing the end of a deep chain frees it iteratively");
    }

    /** Compares live inner tensors when the backend counts them. */
    private static void assertSameLiveTensors(MemoryStats before, MemoryStats after) {
        if (before.liveTensors() >= 0 && after.liveTensors() >= 0) {
            assertEquals(before.liveTensors(), after.liveTensors(), "live tensors of the inner backend");
        }
    }
}
