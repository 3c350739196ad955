package dev.burnj.backend.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits large loops across the machine's cores; small ones run on the calling thread, since waking a worker costs
 * more (tens of microseconds) than a small kernel takes. Set {@code -Dburnj.cpu.threads=N} to change the number of
 * threads (default: all processors; 1 runs everything on the caller).
 *
 * <p>A split loop is cut into a fixed set of chunks that the caller and the workers claim one at a time, so the
 * caller never waits for a worker that has not started: oneDNN's OpenMP threads spin for milliseconds after each
 * call, and a worker that lands on a core held by such a spinner may not run for a whole time slice. The chunks
 * depend only on the loop's size and the thread count, never on which thread runs them.
 */
final class Parallel {
    /**
     * Below this much work (elements times a kernel's relative cost) a loop stays on the calling thread;
     * {@code -Dburnj.cpu.grain=N} changes it.
     */
    static final long GRAIN = Long.getLong("burnj.cpu.grain", 1 << 15);
    /** Chunks per thread: enough for the caller to absorb a late worker's share in small pieces. */
    private static final int CHUNKS_PER_THREAD = 4;

    private static final int THREADS = Math.max(1, Integer.getInteger("burnj.cpu.threads", Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService WORKERS = THREADS <= 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "burnj-cpu-worker");
        t.setDaemon(true);
        return t;
    });

    /** A range {@code [from, to)} of a split loop. */
    @FunctionalInterface
    interface Range {
        void run(long from, long to);
    }

    private Parallel() {}

    static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}: in one piece on the caller when {@code n * cost < GRAIN}, otherwise in
     * chunks shared by the caller and the workers. Returns when every chunk has run; rethrows the first failure.
     */
    static void forRange(long n, long cost, Range body) {
        if (WORKERS == null || n < 2 || n * Math.max(cost, 1) < GRAIN) {
            body.run(0, n);
            return;
        }
        new Split(n, (int) Math.min(n, (long) THREADS * CHUNKS_PER_THREAD), body).run();
    }

    /** One split loop: its chunks, who claimed them, and how many have finished. */
    private static final class Split {
        private final long n;
        private final int chunks;
        private final Range body;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Split(long n, int chunks, Range body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
        }

        void run() {
            for (int w = 1; w < THREADS; w++) {
                WORKERS.execute(this::work);
            }
            work();
            while (finished.get() < chunks) {
                LockSupport.park(this);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
        }

        private void work() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    if (failure.get() == null) {
                        body.run(n * c / chunks, n * (c + 1) / chunks);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (finished.incrementAndGet() == chunks && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }
}
