package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.NoGrad;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Inside a {@link NoGrad} scope nothing is recorded, on this thread only; outside it recording resumes. */
// Counts live nodes, which are shared by every test using this backend: never run concurrently with others.
@Isolated
class NoGradTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    NoGradTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void opsInsideNoGradAreNotRecorded() {
        TensorPrimitive x = f.leaf(1, 2);
        long before = f.grad().liveNodes();
        TensorPrimitive y;
        try (NoGrad ng = NoGrad.enter()) {
            y = f.own(ad.sum(f.own(ad.mulScalar(x, 2))));
        }
        assertFalse(f.grad().requiresGrad(y));
        assertEquals(before, f.grad().liveNodes(), "no node is created under NoGrad");
        assertArrayEquals(new double[] {6}, f.values(y), EPS);
        assertThrows(IllegalArgumentException.class, () -> f.grad().backward(y, null));
    }

    @Test
    void nestedScopesAndRecordingResumesAfterwards() {
        TensorPrimitive x = f.leaf(1, 2);
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(f.grad().requiresGrad(f.own(ad.mulScalar(x, 2))));
            }
            assertFalse(f.grad().requiresGrad(f.own(ad.mulScalar(x, 2))), "still inside the outer scope");
        }
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mulScalar(x, 2))));
        assertTrue(f.grad().requiresGrad(loss));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {2, 2}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void scopeIsPerThread() throws InterruptedException {
        TensorPrimitive x = f.leaf(1, 2);
        AtomicBoolean trackedElsewhere = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (NoGrad ng = NoGrad.enter()) {
            Thread other = new Thread(() -> {
                try {
                    TensorPrimitive y = ad.mulScalar(x, 2);
                    trackedElsewhere.set(f.grad().requiresGrad(y));
                    y.release();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.start();
            other.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("op on another thread failed", failure.get());
        }
        assertTrue(trackedElsewhere.get(), "a NoGrad scope on one thread does not stop recording on another");
    }

    @Test
    void requireGradInsideNoGradStillMakesALeaf() {
        TensorPrimitive w;
        try (NoGrad ng = NoGrad.enter()) {
            w = f.leaf(1, 2);
        }
        assertTrue(f.grad().requiresGrad(w), "parameters are often initialised under NoGrad");
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(w, w))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {2, 4}, f.gradient(g, w), EPS);
        }
    }
}
