package dev.burnj.record;

import dev.burnj.tensor.DType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ModuleRecord#save} writes a module: the dtype float state is stored in (by default each tensor's own)
 * and the string metadata put in the header. Immutable; {@code with...} methods return a modified copy.
 */
public final class SaveOptions {
    private static final SaveOptions DEFAULTS = new SaveOptions(null, Map.of());

    private final DType floatDType;
    private final Map<String, String> metadata;

    private SaveOptions(DType floatDType, Map<String, String> metadata) {
        this.floatDType = floatDType;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Each tensor in its own dtype, no metadata. */
    public static SaveOptions defaults() {
        return DEFAULTS;
    }

    /** Stores every float tensor as {@code dtype}: F32, F16 or BF16 to save space, or F64. */
    public SaveOptions withFloatDType(DType dtype) {
        if (!Objects.requireNonNull(dtype, "dtype").isFloat()) {
            throw new IllegalArgumentException("float state can be saved as F64, F32, F16 or BF16, not " + dtype);
        }
        return new SaveOptions(dtype, metadata);
    }

    /** Adds (or replaces) the header metadata entry {@code key}. */
    public SaveOptions withMetadata(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new SaveOptions(floatDType, copy);
    }

    /** The dtype float tensors are stored in; empty to keep each tensor's own. */
    public Optional<DType> floatDType() {
        return Optional.ofNullable(floatDType);
    }

    /** The header metadata, in insertion order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaveOptions s && s.floatDType == floatDType && s.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(floatDType, metadata);
    }

    @Override
    public String toString() {
        return "SaveOptions[floatDType=" + (floatDType == null ? "as is" : floatDType) + ", metadata=" + metadata + "]";
    }
}
