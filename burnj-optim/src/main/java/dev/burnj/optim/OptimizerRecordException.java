package dev.burnj.optim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A well-formed safetensors file that is not an optimizer record this optimizer can take: written by another tool, by
 * another optimizer type, for another number of parameter groups, or with inconsistent metadata. The message names the
 * file, what was expected and what was found; the optimizer is left unchanged.
 */
public final class OptimizerRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    OptimizerRecordException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file);
    }

    OptimizerRecordException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }
}
