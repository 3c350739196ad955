package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.MemoryStats;
import dev.burnj.conformance.api.MlpTrainingLoop;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * 20 000 forward+backward steps of a small MLP with a hand-written SGD update after warm-up: the process's physical
 * memory, JavaCPP's native allocations and the backend's own memory (live buffers plus its reuse pool) must not grow
 * by more than 16 MiB, and no tensor or graph node may be left behind. Temporaries are freed per step, not when the
 * GC runs.
 *
 * <p>The surefire fork runs with a fixed, pre-touched heap so that heap growth cannot pose as native growth, and both
 * measurements come after a GC: ND4J 1.0.0-M2.1 still leaves a few small native wrappers per step (views of new
 * layouts, host uploads) that only the GC reclaims.
 */
class TrainingLoopMemoryTest {
    private static final long LIMIT = 16L << 20;
    private static final int WARMUP = 2_000;
    private static final int STEPS = 20_000;

    @Test
    void twentyThousandStepsDoNotGrowNativeMemory() throws InterruptedException {
        Backend nd4j = Backends.get("nd4j");
        Backend autodiff = Backends.decorate("autodiff", nd4j);
        try (MlpTrainingLoop loop = new MlpTrainingLoop(autodiff.defaultDevice())) {
            for (int i = 0; i < WARMUP; i++) {
                loop.step(0.05);
            }
            settle();
            MemoryStats statsBefore = nd4j.memoryStats();
            long nodesBefore = autodiff.autodiffOps().liveNodes();
            long totalBefore = Pointer.totalBytes();
            long physicalBefore = Pointer.physicalBytes();
            long start = System.nanoTime();
            for (int i = 0; i < STEPS / 2; i++) {
                loop.step(0.05);
            }
            settle();
            long physicalMid = Pointer.physicalBytes();
            for (int i = 0; i < STEPS / 2; i++) {
                loop.step(0.05);
            }
            double microsPerStep = (System.nanoTime() - start) / 1e3 / STEPS;
            settle();
            long totalGrowth = Pointer.totalBytes() - totalBefore;
            long physicalGrowth = Pointer.physicalBytes() - physicalBefore;
            // The process's resident size also moves once in a while for reasons that are not leaks (the JIT's code
            // cache, a malloc arena: +19.5 MB once after the conformance suite on a loaded machine); a leak grows it in
            // both halves of the run, so the smaller half's growth is what must stay under half the limit.
            long steadyGrowth = Math.min(physicalMid - physicalBefore, Pointer.physicalBytes() - physicalMid);
            MemoryStats statsAfter = nd4j.memoryStats();
            long backendGrowth = statsAfter.liveBytes() + statsAfter.pooledBytes() - statsBefore.liveBytes() - statsBefore.pooledBytes();
            System.out.printf("memory after %d steps (%.0f us/step): JavaCPP totalBytes %+d B, physicalBytes %+d B, backend live+pooled"
                    + " %+d B (pool %d B), live tensors %d -> %d, graph nodes %d -> %d, loss %.4f%n", STEPS, microsPerStep, totalGrowth,
                    physicalGrowth, backendGrowth, statsAfter.pooledBytes(), statsBefore.liveTensors(), statsAfter.liveTensors(), nodesBefore,
                    autodiff.autodiffOps().liveNodes(), loop.lastLoss());
            assertTrue(totalGrowth <= LIMIT, "JavaCPP native memory grew by " + totalGrowth + " bytes");
            assertTrue(backendGrowth <= LIMIT, "the backend's live and pooled memory grew by " + backendGrowth + " bytes");
            assertTrue(steadyGrowth <= LIMIT / 2, "physical memory grew by " + steadyGrowth + " bytes in both halves of the run ("
                    + physicalGrowth + " in all)");
            assertEquals(statsBefore.liveTensors(), statsAfter.liveTensors(), "live tensors");
            assertEquals(nodesBefore, autodiff.autodiffOps().liveNodes(), "live autodiff graph nodes");
        }
    }

    /**
     * Lets the GC and the deallocator threads of JavaCPP and ND4J reclaim what is already unreachable, then asks glibc
     * to return free heap pages (malloc_trim), so that physical memory counts what is still allocated rather than what
     * malloc keeps cached for reuse.
     */
    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0});
    }
}
