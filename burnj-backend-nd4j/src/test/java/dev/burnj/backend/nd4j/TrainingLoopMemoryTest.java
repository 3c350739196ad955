package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.MemoryStats;
import dev.burnj.conformance.api.MlpTrainingLoop;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * 20 000 forward+backward steps of a small MLP with a hand-written SGD update must not grow ND4J's native memory
 * (JavaCPP's tracked bytes and the process's physical bytes) nor the backend's live tensors by more than 16 MiB
 * after warm-up: temporaries are freed per step, not when the GC runs.
 */
class TrainingLoopMemoryTest {
    private static final long LIMIT = 16L << 20;
    private static final int WARMUP = 2_000;
    private static final int STEPS = 20_000;

    @Test
    void twentyThousandStepsDoNotGrowNativeMemory() {
        Backend nd4j = Backends.get("nd4j");
        Backend autodiff = Backends.decorate("autodiff", nd4j);
        try (MlpTrainingLoop loop = new MlpTrainingLoop(autodiff.defaultDevice())) {
            for (int i = 0; i < WARMUP; i++) {
                loop.step(0.05);
            }
            MemoryStats statsBefore = nd4j.memoryStats();
            long nodesBefore = autodiff.autodiffOps().liveNodes();
            long totalBefore = Pointer.totalBytes();
            long physicalBefore = Pointer.physicalBytes();
            for (int i = 0; i < STEPS; i++) {
                loop.step(0.05);
            }
            long totalGrowth = Pointer.totalBytes() - totalBefore;
            long physicalGrowth = Pointer.physicalBytes() - physicalBefore;
            MemoryStats statsAfter = nd4j.memoryStats();
            System.out.printf("memory after %d steps: JavaCPP totalBytes %+d B, physicalBytes %+d B, live tensors %d -> %d, "
                    + "live bytes %d -> %d, graph nodes %d -> %d, loss %.4f%n", STEPS, totalGrowth, physicalGrowth,
                    statsBefore.liveTensors(), statsAfter.liveTensors(), statsBefore.liveBytes(), statsAfter.liveBytes(), nodesBefore,
                    autodiff.autodiffOps().liveNodes(), loop.lastLoss());
            assertTrue(totalGrowth <= LIMIT, "JavaCPP tracked native memory grew by " + totalGrowth + " bytes");
            assertTrue(physicalGrowth <= LIMIT, "physical memory grew by " + physicalGrowth + " bytes");
            assertTrue(statsAfter.liveBytes() - statsBefore.liveBytes() <= LIMIT, "backend live bytes grew");
            assertEquals(statsBefore.liveTensors(), statsAfter.liveTensors(), "live tensors");
            assertEquals(nodesBefore, autodiff.autodiffOps().liveNodes(), "live autodiff graph nodes");
        }
    }
}
