package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The split loop: every index exactly once, in ranges that do not overlap, failures rethrown on the caller. */
class ParallelTest {
    @Test
    void coversEveryIndexOnceWhenSplit() {
        int n = 1 << 20;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        AtomicLong ranges = new AtomicLong();
        Parallel.forRange(n, 1, (from, to) -> {
            ranges.incrementAndGet();
            for (long i = from; i < to; i++) {
                hits.incrementAndGet((int) i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
        assertEquals(Parallel.threads() == 1 ? 1 : Math.min(n, Parallel.threads() * 4L), ranges.get(), "ranges");
    }

    @Test
    void smallLoopsRunInOnePieceOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicLong ranges = new AtomicLong();
        Parallel.forRange(1000, 1, (from, to) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(0, from);
            assertEquals(1000, to);
            ranges.incrementAndGet();
        });
        assertEquals(1, ranges.get());
    }

    @Test
    void aFailureInAnyChunkIsRethrownAfterAllHaveFinished() {
        long n = Parallel.GRAIN * 4;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(n, 1, (from, to) -> {
            if (to == n) {
                throw new IllegalStateException("last chunk failed");
            }
        }));
        assertEquals("last chunk failed", e.getMessage());
    }
}
