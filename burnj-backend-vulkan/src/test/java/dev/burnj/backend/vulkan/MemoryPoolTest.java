package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MemoryStats;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;

/** The pooled allocator: size classes, reuse of freed ranges, no growth in a steady loop, refcounted views. */
class MemoryPoolTest extends VulkanTestSupport {
    @Test
    void sizeClassesArePowersOfTwoThenQuarterSteps() {
        assertEquals(256, MemoryPool.sizeClass(1));
        assertEquals(256, MemoryPool.sizeClass(256));
        assertEquals(512, MemoryPool.sizeClass(257));
        assertEquals(1L << 20, MemoryPool.sizeClass((1L << 20) - 5));
        // Above 1 MiB, steps of an eighth of the next power of two keep the waste under 25%.
        assertEquals((1L << 20) + (1L << 18), MemoryPool.sizeClass((1L << 20) + 1));
        assertEquals(3L << 20, MemoryPool.sizeClass(3L << 20));
        for (long b = 1; b < (64L << 20); b = b * 3 + 1) {
            long c = MemoryPool.sizeClass(b);
            assertTrue(c >= b && c <= Math.max(256, 2 * b), b + " -> " + c);
        }
    }

    @Test
    void aFreedRangeServesTheNextRequestOfItsClass() {
        MemoryPool pool = B.gpu(B.defaultDevice()).tensors;
        Allocation a = pool.allocate(1000);
        long pooled = pool.pooledBytes();
        pool.free(a);
        assertEquals(pooled + a.size, pool.pooledBytes());
        Allocation b = pool.allocate(900);
        assertSame(a, b, "same class (1 KiB): the freed range is reused");
        pool.free(b);
    }

    @Test
    void aSteadyLoopStopsAllocatingDeviceMemory() {
        Gpu gpu = B.gpu(B.defaultDevice());
        long allocations = -1;
        long reserved = -1;
        MemoryStats start = B.memoryStats();
        for (int iter = 0; iter < 50; iter++) {
            for (int n : new int[] {3, 1000, 70_000, 300_000}) {
                TensorPrimitive x = B.full(Shape.of(n), 1.5, DType.F32, B.defaultDevice());
                TensorPrimitive y = B.mulScalar(x, 2);
                TensorPrimitive s = B.sum(y);
                x.release();
                y.release();
                s.release();
            }
            if (iter == 1) {
                allocations = gpu.tensors.deviceAllocations();
                reserved = gpu.tensors.reservedBytes();
            }
        }
        B.sync(B.defaultDevice());
        assertEquals(allocations, gpu.tensors.deviceAllocations(), "no vkAllocateMemory after warm-up");
        assertEquals(reserved, gpu.tensors.reservedBytes(), "reserved device memory does not grow");
        assertEquals(start.liveTensors(), B.memoryStats().liveTensors(), "every tensor released");
        assertEquals(start.liveBytes(), B.memoryStats().liveBytes(), "every range returned");
    }

    @Test
    void viewsKeepTheirStorageAliveUntilTheLastOneGoes() {
        MemoryStats start = B.memoryStats();
        TensorPrimitive base = B.fromData(TensorData.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3)), B.defaultDevice());
        TensorPrimitive permuted = B.permute(base, new int[] {1, 0});
        TensorPrimitive view = B.slice(permuted, new Slice[] {Slice.range(1, 3), Slice.range(0, 2)});
        assertEquals(start.liveTensors() + 3, B.memoryStats().liveTensors());
        long bytes = B.memoryStats().liveBytes();
        assertEquals(start.liveBytes() + 256, bytes, "three tensors, one 256-byte range");
        base.release();
        permuted.release();
        assertEquals(bytes, B.memoryStats().liveBytes(), "the last view still holds the storage");
        assertArrayEquals(new float[] {2, 5, 3, 6}, B.toData(view).toFloats());
        view.release();
        assertEquals(start.liveTensors(), B.memoryStats().liveTensors());
        assertEquals(start.liveBytes(), B.memoryStats().liveBytes(), "the last view returned the range");
    }

    @Test
    void releasingTwiceFailsClearly() {
        TensorPrimitive x = B.full(Shape.of(2), 1, DType.F32, B.defaultDevice());
        x.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> B.add(x, x));
        assertTrue(e.getMessage().contains("already freed"), e.getMessage());
    }
}
