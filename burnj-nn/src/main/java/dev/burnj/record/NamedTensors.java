package dev.burnj.record;

import dev.burnj.tensor.TensorData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of a safetensors file on the host: tensors by name, in file order, and the string metadata of the
 * header. Immutable (the {@link TensorData} values are shared, not copied).
 */
public final class NamedTensors {
    private final Map<String, TensorData> tensors;
    private final Map<String, String> metadata;

    private NamedTensors(Map<String, TensorData> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors.forEach((name, data) -> Objects.requireNonNull(data, () -> "tensor '" + name + "' is null"));
        this.metadata.forEach((key, value) -> Objects.requireNonNull(value, () -> "metadata '" + key + "' is null"));
    }

    /** Tensors in the iteration order of {@code tensors} (the order they are written in), with metadata. */
    public static NamedTensors of(Map<String, TensorData> tensors, Map<String, String> metadata) {
        return new NamedTensors(tensors, metadata);
    }

    /** Tensors without metadata. */
    public static NamedTensors of(Map<String, TensorData> tensors) {
        return new NamedTensors(tensors, Map.of());
    }

    /** Tensors by name, in order. */
    public Map<String, TensorData> tensors() {
        return tensors;
    }

    /** The header's {@code __metadata__}; empty if there is none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensors n && n.tensors.equals(tensors) && n.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tensors, metadata);
    }

    @Override
    public String toString() {
        return "NamedTensors" + tensors + (metadata.isEmpty() ? "" : " " + metadata);
    }
}
