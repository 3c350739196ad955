package dev.burnj.record;

import java.util.Objects;

/**
 * How {@link ModuleRecord#load} matches a file to a module: strictly (any missing, unexpected or mismatched tensor
 * fails the load before anything is changed) or leniently (load what matches, report the rest), and how file names
 * map to state names. Immutable.
 */
public final class LoadOptions {
    private final boolean strict;
    private final KeyMapping keyMapping;

    private LoadOptions(boolean strict, KeyMapping keyMapping) {
        this.strict = strict;
        this.keyMapping = Objects.requireNonNull(keyMapping, "keyMapping");
    }

    /** Every state tensor must be in the file and every file tensor in the module, with matching shapes. */
    public static LoadOptions strict() {
        return new LoadOptions(true, KeyMapping.identity());
    }

    /** Loads the tensors that match and reports the others instead of failing. */
    public static LoadOptions lenient() {
        return new LoadOptions(false, KeyMapping.identity());
    }

    /** These options with file names renamed by {@code mapping} before matching. */
    public LoadOptions withKeyMapping(KeyMapping mapping) {
        return new LoadOptions(strict, mapping);
    }

    public boolean isStrict() {
        return strict;
    }

    public KeyMapping keyMapping() {
        return keyMapping;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadOptions l && l.strict == strict && l.keyMapping.equals(keyMapping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strict, keyMapping);
    }

    @Override
    public String toString() {
        return "LoadOptions[" + (strict ? "strict" : "lenient") + ", " + keyMapping + "]";
    }
}
