package dev.burnj.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The metric values of one epoch on one split, by metric name, in the order the metrics were configured.
 *
 * @param epoch the epoch, from 0
 * @param split the data they were computed on
 * @param values metric values by name
 */
public record EpochMetrics(int epoch, Split split, Map<String, Double> values) {
    public EpochMetrics {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        Objects.requireNonNull(split, "split");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        values.forEach((k, v) -> Objects.requireNonNull(v, () -> "metric " + k));
    }

    /** The value of {@code metric}, if it was computed. */
    public OptionalDouble value(String metric) {
        Double v = values.get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
