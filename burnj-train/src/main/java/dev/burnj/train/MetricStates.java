package dev.burnj.train;

import dev.burnj.train.metric.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training metrics' epoch state by metric name, saved with each Learner checkpoint so that an epoch resumed
 * mid-way reports the same values as an uninterrupted one (package-private: a checkpoint part's JSON form).
 *
 * @param metrics each metric's {@link Metric#state()} by name
 */
record MetricStates(Map<String, Map<String, Object>> metrics) {
    static MetricStates of(List<? extends Metric<?>> metrics) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Metric<?> m : metrics) {
            out.put(m.name(), m.state());
        }
        return new MetricStates(out);
    }
}
