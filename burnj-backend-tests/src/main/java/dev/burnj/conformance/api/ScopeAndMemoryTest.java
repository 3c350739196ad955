package dev.burnj.conformance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MemoryStats;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deterministic freeing: scopes close their tensors, kept tensors survive, and training loops do not leak. */
@ExtendWith(BackendExtension.class)
class ScopeAndMemoryTest {
    private final BackendUnderTest backend;

    ScopeAndMemoryTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    @Test
    void scopeClosesWhatItOwnsAndKeepMovesTensorsOut() {
        TensorOptions on = TensorOptions.on(backend.device());
        Tensor2 kept;
        Tensor2 temporary;
        Tensor2 inner;
        try (TensorScope outer = TensorScope.open()) {
            temporary = Tensor2.ones(Shape.of(2, 2), on);
            try (TensorScope nested = TensorScope.open()) {
                inner = temporary.add(1.0);
                kept = nested.keep(temporary.mul(3.0));
            }
            assertTrue(inner.isClosed(), "the nested scope closes its tensors");
            assertFalse(kept.isClosed(), "keep moves a tensor to the enclosing scope");
            assertEquals(2, outer.size());
            kept = outer.keep(kept);
        }
        assertTrue(temporary.isClosed());
        assertFalse(kept.isClosed());
        assertEquals(12.0, kept.sum().item(), 0.0);
        kept.close();
    }

    @Test
    void claimHandsATensorFromAnotherThreadToThisThreadsScope() throws Exception {
        TensorOptions on = TensorOptions.on(backend.device());
        java.util.concurrent.atomic.AtomicReference<Tensor2> made = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> made.set(Tensor2.ones(Shape.of(2, 3), on)));
        worker.start();
        worker.join();
        Tensor2 claimed;
        try (TensorScope scope = TensorScope.open()) {
            claimed = TensorScope.claim(made.get());
            assertEquals(1, scope.size(), "the claimed tensor belongs to the current scope");
            assertEquals(6.0, claimed.sum().item(), 0.0);
        }
        assertTrue(claimed.isClosed(), "the scope closes what it claimed");
    }

    @Test
    void forgottenTensorsAreFreedByTheGarbageCollectorFallback() throws InterruptedException {
        TensorOptions on = TensorOptions.on(backend.device());
        long freedBefore = TensorScope.gcFreedCount();
        for (int i = 0; i < 100; i++) {
            Tensor2.ones(Shape.of(4, 4), on);
        }
        for (int attempt = 0; attempt < 100 && TensorScope.gcFreedCount() - freedBefore < 100; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(TensorScope.gcFreedCount() - freedBefore >= 100,
                "the Cleaner fallback freed " + (TensorScope.gcFreedCount() - freedBefore) + " of 100 forgotten tensors");
    }

    @Test
    void scopesMustCloseInnermostFirst() {
        TensorScope outer = TensorScope.open();
        TensorScope inner = TensorScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void trainingLoopReturnsBackendMemoryAndGraphNodesToBaseline() {
        MemoryStats before;
        long nodesBefore;
        try (MlpTrainingLoop loop = new MlpTrainingLoop(backend.autodiffDevice())) {
            for (int i = 0; i < 200; i++) {
                loop.step(0.1);
            }
            double early = loop.lastLoss();
            before = backend.plain().memoryStats();
            nodesBefore = backend.autodiff().autodiffOps().liveNodes();
            for (int i = 0; i < 3000; i++) {
                loop.step(0.1);
            }
            MemoryStats after = backend.plain().memoryStats();
            assertEquals(nodesBefore, backend.autodiff().autodiffOps().liveNodes(), "autodiff graph nodes leaked");
            // Other tests' forgotten tensors may be freed by the GC meanwhile, which only lowers the counts; a leak in the
            // loop would add thousands.
            if (before.liveTensors() >= 0) {
                assertTrue(after.liveTensors() <= before.liveTensors(), "live tensors " + before.liveTensors() + " -> " + after.liveTensors());
                assertTrue(after.liveBytes() <= before.liveBytes(), "live bytes " + before.liveBytes() + " -> " + after.liveBytes());
            }
            assertTrue(loop.lastLoss() < early, "training lowers the loss: " + early + " -> " + loop.lastLoss());
        }
    }
}
