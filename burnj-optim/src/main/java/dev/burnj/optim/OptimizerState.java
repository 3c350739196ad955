package dev.burnj.optim;

import dev.burnj.tensor.TensorData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state as plain host data, for saving and exact resume: the current learning rate and momentum of each
 * parameter group, and per parameter name its step counter and state tensors (e.g. {@code exp_avg}, {@code exp_avg_sq}).
 *
 * @param groupLrs the learning rate of each group, in group order
 * @param groupMomenta the momentum of each group ({@link Optimizer#momentum(int)}), in group order; empty for an
 *     optimizer without momentum, or when not recorded (then the configured momenta stay)
 * @param params per parameter name, its state
 */
public record OptimizerState(List<Double> groupLrs, List<Double> groupMomenta, Map<String, ParamData> params) {
    public OptimizerState {
        groupLrs = List.copyOf(groupLrs);
        groupMomenta = List.copyOf(groupMomenta);
        // Insertion order is kept (parameter order), so the same state always saves to the same bytes.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A state without group momenta. */
    public OptimizerState(List<Double> groupLrs, Map<String, ParamData> params) {
        this(groupLrs, List.of(), params);
    }

    /**
     * One parameter's state.
     *
     * @param step the number of updates made
     * @param tensors state tensors by name
     */
    public record ParamData(long step, Map<String, TensorData> tensors) {
        public ParamData {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }
}
