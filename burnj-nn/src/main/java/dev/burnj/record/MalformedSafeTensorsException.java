package dev.burnj.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A safetensors file that does not follow the format: truncated, a bad header, or tensors whose declared shapes,
 * dtypes and offsets do not fit. The message names the file, the tensor (when one is at fault) and the problem.
 */
public final class MalformedSafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String tensor;
    private final String problem;

    MalformedSafeTensorsException(Path file, String tensor, String problem) {
        super(file + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ") + problem);
        this.file = Objects.requireNonNull(file);
        this.tensor = tensor;
        this.problem = Objects.requireNonNull(problem);
    }

    MalformedSafeTensorsException(Path file, String problem) {
        this(file, null, problem);
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }

    /** The tensor at fault, if the problem concerns one tensor. */
    public Optional<String> tensor() {
        return Optional.ofNullable(tensor);
    }

    /** The problem alone, without file and tensor. */
    public String problem() {
        return problem;
    }
}
