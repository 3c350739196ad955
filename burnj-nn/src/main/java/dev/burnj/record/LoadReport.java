package dev.burnj.record;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ModuleRecord#load} found when matching a file to a module: the state tensors it loaded, those the file
 * lacks, the file's tensors the module has no place for, and those it could not load because their shape or kind
 * differs. Names are module state names (after key mapping). Immutable.
 *
 * @param loaded state tensors that were replaced from the file
 * @param missing state tensors the file does not have
 * @param unexpected file tensors (mapped names) the module does not have
 * @param mismatches state tensors present in both whose file tensor cannot be loaded, with the reason
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected, List<Mismatch> mismatches) {
    /**
     * A state tensor that the file has but that cannot be loaded from it.
     *
     * @param key the state name
     * @param problem what was expected and what was found
     */
    public record Mismatch(String key, String problem) {
        public Mismatch {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String toString() {
            return key + ": " + problem;
        }
    }

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatches = List.copyOf(mismatches);
    }

    /** True if every state tensor matched a file tensor and vice versa. */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatches.isEmpty();
    }

    /** Every problem, one per line; empty if the load was complete. */
    public String problems() {
        StringBuilder out = new StringBuilder();
        missing.forEach(k -> out.append("\n  missing from the file: ").append(k));
        unexpected.forEach(k -> out.append("\n  not in the module: ").append(k));
        mismatches.forEach(m -> out.append("\n  mismatch: ").append(m));
        return out.toString();
    }

    @Override
    public String toString() {
        return "LoadReport[" + loaded.size() + " loaded, " + missing.size() + " missing, " + unexpected.size() + " unexpected, "
                + mismatches.size() + " mismatched]" + problems();
    }
}
