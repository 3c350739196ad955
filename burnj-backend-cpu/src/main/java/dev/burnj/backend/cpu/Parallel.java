package dev.burnj.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits large loops across the machine's cores; small ones run on the calling thread, since waking a worker costs
 * more (tens of microseconds) than a small kernel takes. Set {@code -Dburnj.cpu.threads=N} to change the number of
 * threads (default: all processors; 1 runs everything on the caller).
 *
 * <p>A split loop is cut into a fixed set of chunks that the caller and the workers claim one at a time, so the
 * caller never waits for a worker that has not started: oneDNN's OpenMP threads spin for milliseconds after each
 * call, and a worker that lands on a core held by such a spinner may not run for a whole time slice. The chunks
 * depend only on the loop's size and the thread count, never on which thread runs them.
 *
 * <p>A training step issues its kernels microseconds apart, so after a loop the workers wait for the next one for
 * {@code -Dburnj.cpu.spinMicros} (default 500) before they park: a loop that arrives meanwhile costs no wake-up.
 * They wait with {@link Thread#yield()}, which hands the core to any other runnable thread (oneDNN's, the JIT's) at
 * once. One loop runs at a time; a loop started while another runs, or from inside one, runs on its caller.
 */
final class Parallel {
    /**
     * Below this much work (elements times a kernel's relative cost) a loop stays on the calling thread;
     * {@code -Dburnj.cpu.grain=N} changes it.
     */
    static final long GRAIN = Long.getLong("burnj.cpu.grain", 1 << 15);
    /** Chunks per thread: enough for the caller to absorb a late worker's share in small pieces. */
    private static final int CHUNKS_PER_THREAD = 4;
    private static final long SPIN_NANOS = Long.getLong("burnj.cpu.spinMicros", 500) * 1000;

    private static final int THREADS = Math.max(1, Integer.getInteger("burnj.cpu.threads", Runtime.getRuntime().availableProcessors()));
    private static final Team TEAM = THREADS <= 1 ? null : new Team(THREADS - 1);

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
     * Runs {@code body} over {@code [0, n)}: in one piece on the caller when {@code n * cost < GRAIN} (or when the
     * workers are busy with another loop), otherwise in chunks shared by the caller and the workers. Returns when
     * every chunk has run; rethrows the first failure.
     */
    static void forRange(long n, long cost, Range body) {
        if (TEAM == null || n < 2 || n * Math.max(cost, 1) < GRAIN || TEAM.lock.isHeldByCurrentThread() || !TEAM.lock.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Split split = new Split(n, (int) Math.min(n, (long) THREADS * CHUNKS_PER_THREAD), body);
            TEAM.start(split);
            split.run();
        } finally {
            TEAM.lock.unlock();
        }
    }

    /** The worker threads and the loop they are on. */
    private static final class Team {
        final ReentrantLock lock = new ReentrantLock();
        private final Worker[] workers;
        private volatile Split current;

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this);
                Thread t = new Thread(workers[i], "burnj-cpu-worker-" + (i + 1));
                t.setDaemon(true);
                workers[i].thread = t;
                t.start();
            }
        }

        /** Publishes {@code split} and wakes the workers that have parked. */
        void start(Split split) {
            current = split;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
    }

    /** Runs each loop it sees once, then spins briefly for the next one and parks. */
    private static final class Worker implements Runnable {
        private final Team team;
        volatile Thread thread;
        volatile boolean parked;

        Worker(Team team) {
            this.team = team;
        }

        @Override
        public void run() {
            Split done = null;
            while (true) {
                Split s = team.current;
                if (s != done) {
                    done = s;
                    s.work();
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (team.current == done && System.nanoTime() < deadline) {
                    Thread.yield();
                }
                if (team.current == done) {
                    parked = true;
                    // Re-read after announcing: a loop published before the flag was seen gets no unpark.
                    if (team.current == done) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
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

        /** The caller's part: chunks until none is left, then waiting for the workers' last ones. */
        void run() {
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

        void work() {
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
