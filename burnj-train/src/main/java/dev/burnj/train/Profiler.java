package dev.burnj.train;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Accumulates wall time per phase for one fit (package-private: the Learner's own bookkeeping). */
final class Profiler {
    private final long[] nanos = new long[Phase.values().length];
    private final long start = System.nanoTime();

    /** Adds the time since {@code since} (a {@code System.nanoTime()} reading) to {@code phase}; returns now. */
    long add(Phase phase, long since) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - since;
        return now;
    }

    Profile snapshot() {
        Map<Phase, Duration> out = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            out.put(p, Duration.ofNanos(nanos[p.ordinal()]));
        }
        return new Profile(out, Duration.ofNanos(System.nanoTime() - start));
    }
}
