package dev.burnj.train;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a fit spent its time: wall time per {@link Phase}. Immutable; {@link #table()} renders it with shares of the
 * total.
 *
 * @param phases time per phase
 * @param total the wall time of the whole fit
 */
public record Profile(Map<Phase, Duration> phases, Duration total) {
    public Profile {
        phases = Collections.unmodifiableMap(new EnumMap<>(phases.isEmpty() ? new EnumMap<>(Phase.class) : phases));
    }

    /** A table: phase, seconds, share of the fit's wall time. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-12s %10s %7s%n", "phase", "seconds", "share"));
        double all = Math.max(1, total.toNanos());
        for (Phase p : Phase.values()) {
            Duration d = phases.getOrDefault(p, Duration.ZERO);
            sb.append(String.format("%-12s %10.3f %6.1f%%%n", p.name().toLowerCase(Locale.ROOT), d.toNanos() / 1e9, 100 * d.toNanos() / all));
        }
        sb.append(String.format("%-12s %10.3f%n", "total", total.toNanos() / 1e9));
        return sb.toString();
    }
}
