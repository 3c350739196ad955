package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batching: ops are recorded, not waited for; the host waits only when it reads, and reads see every prior op. */
class CommandStreamTest extends VulkanTestSupport {
    @Test
    void opsAreRecordedWithoutWaitingAndAReadWaitsOnce() {
        Gpu gpu = B.gpu(B.defaultDevice());
        // An empty cache cannot fill up (and wait) during the measurement.
        gpu.stream.clearDescriptorCache();
        long waits = gpu.stream.waits();
        long submissions = gpu.stream.submissions();
        TensorPrimitive x = B.full(Shape.of(64), 0, DType.F32, B.defaultDevice());
        int ops = 100;
        for (int i = 0; i < ops; i++) {
            TensorPrimitive next = B.addScalar(x, 1);
            x.release();
            x = next;
        }
        assertEquals(waits, gpu.stream.waits(), "no op waited for the device");
        assertEquals(submissions, gpu.stream.submissions(), "100 ops fit one batch");
        assertEquals(ops + 1, gpu.stream.pending());
        float[] v = B.toData(x).toFloats();
        x.release();
        assertEquals(100f, v[0]);
        assertEquals(100f, v[63]);
        assertEquals(submissions + 1, gpu.stream.submissions(), "the read submitted the batch");
        assertEquals(waits + 1, gpu.stream.waits(), "and waited once");
    }

    @Test
    void repeatedDispatchesOnTheSameBuffersReuseOneDescriptorSet() {
        Gpu gpu = B.gpu(B.defaultDevice());
        TensorPrimitive x = B.full(Shape.of(32), 1, DType.F32, B.defaultDevice());
        TensorPrimitive y = B.full(Shape.of(32), 2, DType.F32, B.defaultDevice());
        B.add(x, y).release();
        long created = gpu.stream.setsCreated();
        for (int i = 0; i < 50; i++) {
            // The released result's range serves the next result: same buffers, same set, new parameters.
            B.add(x, y).release();
        }
        assertEquals(created, gpu.stream.setsCreated(), "no descriptor set created or updated");
        TensorPrimitive z = B.add(x, y);
        assertArrayEquals(new float[] {3, 3}, java.util.Arrays.copyOf(B.toData(z).toFloats(), 2));
        z.release();
        x.release();
        y.release();
    }

    @Test
    void longChainsAreSubmittedInBatchesAndStayOrdered() {
        Gpu gpu = B.gpu(B.defaultDevice());
        gpu.stream.clearDescriptorCache();
        long submissions = gpu.stream.submissions();
        long waits = gpu.stream.waits();
        int ops = 5 * CommandStream.OPS_PER_BATCH;
        TensorPrimitive x = B.full(Shape.of(1000), 0, DType.I64, B.defaultDevice());
        for (int i = 0; i < ops; i++) {
            TensorPrimitive next = B.addScalar(x, 1);
            x.release();
            x = next;
        }
        long[] v = B.toData(x).toLongs();
        x.release();
        assertEquals(ops, v[999]);
        long batches = gpu.stream.submissions() - submissions;
        assertTrue(batches >= 5 && batches <= 6, batches + " batches");
        // Waiting is for bounding the batches in flight, never per op.
        assertTrue(gpu.stream.waits() - waits <= batches, (gpu.stream.waits() - waits) + " waits");
    }

    /** Heavy ops fill a batch by their work, so the host never runs more than a few of them ahead of the device. */
    @Test
    void heavyOpsAreSubmittedByWorkNotCount() {
        Gpu gpu = B.gpu(B.defaultDevice());
        TensorPrimitive a = B.full(Shape.of(512, 512), 0.001, DType.F32, B.defaultDevice());
        gpu.stream.clearDescriptorCache();
        long submissions = gpu.stream.submissions();
        List<TensorPrimitive> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(B.matmul(a, a));
        }
        // 512^3 multiply-adds exceed one batch's work: each GEMM is submitted as soon as it is recorded.
        assertEquals(submissions + 3, gpu.stream.submissions());
        assertEquals(0, gpu.stream.pending());
        assertEquals(512 * 1e-6, B.toData(results.get(2)).toFloats()[0], 1e-8);
        results.forEach(TensorPrimitive::release);
        a.release();
    }

    @Test
    void uploadsInterleavedWithKernelsKeepProgramOrder() {
        List<TensorPrimitive> parts = new ArrayList<>();
        TensorPrimitive acc = B.full(Shape.of(4), 0, DType.F32, B.defaultDevice());
        for (int i = 0; i < 20; i++) {
            TensorPrimitive up = B.fromData(TensorData.of(new float[] {i, 2 * i, 3 * i, 4 * i}, Shape.of(4)), B.defaultDevice());
            TensorPrimitive next = B.add(acc, up);
            acc.release();
            up.release();
            acc = next;
            parts.add(B.mulScalar(acc, 1));
        }
        assertArrayEquals(new float[] {190, 380, 570, 760}, B.toData(acc).toFloats());
        assertArrayEquals(new float[] {0, 0, 0, 0}, B.toData(parts.get(0)).toFloats());
        assertArrayEquals(new float[] {45, 90, 135, 180}, B.toData(parts.get(9)).toFloats());
        acc.release();
        parts.forEach(TensorPrimitive::release);
    }

    @Test
    void stagedReadsMatchDirectReads() throws Exception {
        System.setProperty(Gpu.STAGED_READS_PROPERTY, "true");
        VulkanInstance.Discovery d = VulkanInstance.discover();
        Path cache = Files.createDirectories(Path.of("target", "spirv-cache"));
        VulkanBackend staged = new VulkanBackend(DeviceSelection.order(d.devices(), null), d.physical(), cache);
        try {
            assertTrue(!staged.gpu(staged.defaultDevice()).directReads, "reads go through staging");
            TensorData data = TensorData.of(new long[] {1, -2, 3, 1L << 40, 5, 6}, Shape.of(2, 3));
            TensorPrimitive t = staged.fromData(data, staged.defaultDevice());
            TensorPrimitive p = staged.permute(t, new int[] {1, 0});
            assertEquals(TensorData.of(new long[] {1, 1L << 40, -2, 5, 3, 6}, Shape.of(3, 2)), staged.toData(p));
            p.release();
            t.release();
        } finally {
            System.clearProperty(Gpu.STAGED_READS_PROPERTY);
            staged.close();
        }
    }
}
