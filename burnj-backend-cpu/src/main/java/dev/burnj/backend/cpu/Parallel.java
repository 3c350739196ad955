package dev.burnj.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits large loops across the machine's cores; small ones run on the calling thread, since waking a worker costs
 * more (tens of microseconds) than a small kernel takes. Set {@code -Dburnj.cpu.threads=N} to change the number of
 * threads (default: all processors; 1 runs everything on the caller).
 */
final class Parallel {
    /** Below this much work (elements times a kernel's relative cost) a loop stays on the calling thread. */
    static final long GRAIN = 1 << 17;

    private static final int THREADS = Integer.getInteger("burnj.cpu.threads", Runtime.getRuntime().availableProcessors());
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
        return Math.max(1, THREADS);
    }

    /**
     * Runs {@code body} over {@code [0, n)}: in one piece on the caller when {@code n * cost < GRAIN}, otherwise in
     * one contiguous chunk per thread, the caller taking the first. Rethrows the first failure.
     */
    static void forRange(long n, long cost, Range body) {
        int parts = (int) Math.min(threads(), n);
        if (WORKERS == null || parts <= 1 || n * Math.max(cost, 1) < GRAIN) {
            body.run(0, n);
            return;
        }
        CountDownLatch done = new CountDownLatch(parts - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 1; p < parts; p++) {
            long from = n * p / parts;
            long to = n * (p + 1) / parts;
            WORKERS.execute(() -> {
                try {
                    body.run(from, to);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            body.run(0, n / parts);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cpu: interrupted while waiting for worker threads", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
