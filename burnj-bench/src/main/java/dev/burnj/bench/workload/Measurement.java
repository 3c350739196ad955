package dev.burnj.bench.workload;

import java.util.Map;

/**
 * One timed run of a workload: its value in the workload's unit and any by-products worth reporting beside it
 * (e.g. {@code test_accuracy} after a training epoch).
 */
public record Measurement(double value, Map<String, Double> extras) {
    public Measurement {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a measurement must be finite, got " + value);
        }
        extras = Map.copyOf(extras);
    }

    public static Measurement of(double value) {
        return new Measurement(value, Map.of());
    }
}
