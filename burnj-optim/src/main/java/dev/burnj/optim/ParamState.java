package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state for one parameter: its step counter and named tensors (moments, buffers), like an entry of
 * PyTorch's {@code optimizer.state}. The state owns its tensors: no scope closes them, and {@link #put} closes the
 * tensor it replaces. Imported host data is uploaded on first use, on the parameter's device and dtype.
 */
public final class ParamState implements AutoCloseable {
    private long step;
    private final Map<String, FloatTensor<?, ?, ?>> tensors = new LinkedHashMap<>();
    private final Map<String, TensorData> pending = new LinkedHashMap<>();

    ParamState() {}

    ParamState(OptimizerState.ParamData data) {
        this.step = data.step();
        this.pending.putAll(data.tensors());
    }

    /** The number of updates made, including the current one while an update runs. */
    public long step() {
        return step;
    }

    void advance() {
        step++;
    }

    /** The tensor stored under {@code key}, typed like the parameter {@code like}; null when there is none yet. */
    @SuppressWarnings("unchecked")
    public <T extends FloatTensor<T, ?, ?>> T get(String key, T like) {
        TensorData data = pending.remove(key);
        if (data != null) {
            put(key, TensorRanks.uploadLike(data, like));
        }
        FloatTensor<?, ?, ?> t = tensors.get(key);
        if (t == null) {
            return null;
        }
        if (t.getClass() != like.getClass() || !t.shape().equals(like.shape())) {
            throw new IllegalStateException("optimizer state '" + key + "' " + t.shape() + " does not match the parameter " + like.shape());
        }
        return (T) t;
    }

    /** Stores {@code value} under {@code key}, taking it out of every scope and closing the tensor it replaces. */
    public void put(String key, FloatTensor<?, ?, ?> value) {
        pending.remove(key);
        FloatTensor<?, ?, ?> old = tensors.put(key, ParamGrads.unscoped(value));
        if (old != null && old != value) {
            old.close();
        }
    }

    /** Host copies of the step counter and tensors (pending imports included). */
    OptimizerState.ParamData export() {
        Map<String, TensorData> out = new LinkedHashMap<>(pending);
        tensors.forEach((k, v) -> out.put(k, v.toData()));
        return new OptimizerState.ParamData(step, out);
    }

    @Override
    public void close() {
        tensors.values().forEach(FloatTensor::close);
        tensors.clear();
        pending.clear();
    }
}
