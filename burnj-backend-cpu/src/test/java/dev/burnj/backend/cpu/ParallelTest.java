package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The split loop: every index exactly once, in ranges that do not overlap, failures rethrown on the caller; loops in
 * quick succession (the workers still spinning), nested loops and loops from several threads at once.
 */
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

    /** Thousands of loops back to back, as a training step issues them: each one whole, none lost between workers. */
    @Test
    void loopsInQuickSuccessionEachCoverTheirRange() throws InterruptedException {
        long n = Parallel.GRAIN * 2;
        for (int k = 0; k < 5000; k++) {
            AtomicLong sum = new AtomicLong();
            Parallel.forRange(n, 1, (from, to) -> sum.addAndGet((from + to - 1) * (to - from) / 2));
            assertEquals(n * (n - 1) / 2, sum.get(), "loop " + k);
            if (k % 1000 == 999) {
                // Let the workers park, so that the next loop has to wake them.
                Thread.sleep(5);
            }
        }
    }

    /** A loop inside a chunk runs on that chunk's thread instead of waiting for workers that are busy with the outer one. */
    @Test
    void aNestedLoopRunsOnItsCaller() {
        long n = Parallel.GRAIN * 4;
        AtomicLong inner = new AtomicLong();
        Parallel.forRange(n, 1, (from, to) -> Parallel.forRange(n, 1, (f, t) -> inner.addAndGet(t - f)));
        assertEquals(n * (Parallel.threads() == 1 ? 1 : Parallel.threads() * 4L), inner.get());
    }

    /** Loops started from several threads at once all complete with their own results. */
    @Test
    void loopsFromSeveralThreadsAtOnceAllComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                long n = Parallel.GRAIN * (2 + c);
                results.add(callers.submit(() -> {
                    long total = 0;
                    for (int k = 0; k < 500; k++) {
                        AtomicLong sum = new AtomicLong();
                        Parallel.forRange(n, 1, (from, to) -> sum.addAndGet(to - from));
                        total += sum.get();
                    }
                    return total;
                }));
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(500 * Parallel.GRAIN * (2 + c), results.get(c).get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
