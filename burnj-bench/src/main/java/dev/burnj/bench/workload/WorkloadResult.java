package dev.burnj.bench.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one workload on one backend: the median of its timed runs, every run's value, and the medians of
 * the runs' by-products. {@link #toJson()} gives the JSON line that {@code bench/compare.py} reads; the PyTorch
 * script writes the same fields.
 */
public record WorkloadResult(String workload, String title, String side, String backend, String unit, boolean higherIsBetter,
        double median, List<Double> runs, Map<String, Double> extras, int maxSteps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WorkloadResult {
        runs = List.copyOf(runs);
        extras = Map.copyOf(extras);
    }

    /** The result of {@code measurements}, the timed runs of {@code workload} on {@code backend}. */
    public static WorkloadResult of(Workload workload, String backend, List<Measurement> measurements, int maxSteps) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException(workload.id() + ": no timed runs");
        }
        List<Double> values = measurements.stream().map(Measurement::value).toList();
        Map<String, List<Double>> byName = new TreeMap<>();
        for (Measurement m : measurements) {
            m.extras().forEach((k, v) -> byName.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Double> extras = new LinkedHashMap<>();
        byName.forEach((k, v) -> extras.put(k, median(v)));
        return new WorkloadResult(workload.id(), workload.title(), "burnj", backend, workload.unit(), workload.higherIsBetter(), median(values),
                values, extras, maxSteps);
    }

    /** The median; the mean of the middle two for an even count. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One JSON object on one line. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("workload", workload).put("title", title).put("side", side).put("backend", backend).put("unit", unit)
                .put("higher_is_better", higherIsBetter).put("value", median).put("max_steps", maxSteps);
        runs.forEach(node.putArray("runs")::add);
        ObjectNode extra = node.putObject("extras");
        new TreeMap<>(extras).forEach(extra::put);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result of " + workload + " on " + backend + " as JSON", e);
        }
    }
}
