package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Size classes waste at most a quarter; freed large blocks come back for the same class, within the limit. */
class BlockPoolTest {
    @Test
    void sizeClassesAreQuarterStepsAboveTheSmallest() {
        assertEquals(1000, BlockPool.capacity(1000));
        assertEquals(64 * 1024, BlockPool.capacity(64 * 1024));
        assertEquals(80 * 1024, BlockPool.capacity(64 * 1024 + 1));
        assertEquals(1L << 20, BlockPool.capacity((1L << 20) - 5));
        for (long bytes = BlockPool.SMALLEST; bytes < 1L << 26; bytes = bytes * 7 / 5 + 13) {
            long c = BlockPool.capacity(bytes);
            assertTrue(c >= bytes && c <= bytes * 1.25 + 1, bytes + " -> " + c);
            assertEquals(c, BlockPool.capacity(c), "a class is its own class");
        }
    }

    @Test
    void reusesWithinTheLimitAndFreesBeyondIt() {
        BlockPool pool = new BlockPool(3L << 20);
        long capacity = BlockPool.capacity(1L << 20);
        long a = NativeMemory.allocateRaw(capacity);
        long b = NativeMemory.allocateRaw(capacity);
        long c = NativeMemory.allocateRaw(capacity);
        long d = NativeMemory.allocateRaw(capacity);
        pool.give(a, capacity);
        pool.give(b, capacity);
        pool.give(c, capacity);
        pool.give(d, capacity);
        assertEquals(3L << 20, pool.pooledBytes(), "the fourth block is freed, not kept");
        assertEquals(0, pool.take(BlockPool.capacity(2L << 20)), "another class has nothing pooled");
        long first = pool.take(capacity);
        assertEquals(c, first, "the most recently freed block comes back first");
        assertEquals(2L << 20, pool.pooledBytes());
        NativeMemory.free(first);
        NativeMemory.free(pool.take(capacity));
        NativeMemory.free(pool.take(capacity));
        assertEquals(0, pool.take(capacity));
        assertEquals(0, pool.pooledBytes());
    }
}
