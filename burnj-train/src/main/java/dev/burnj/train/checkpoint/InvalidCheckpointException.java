package dev.burnj.train.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint that cannot be used: no manifest, a manifest from another tool or a newer format version, a part that
 * is missing, or a file whose size or SHA-256 differs from the manifest (a torn or corrupted copy). The message names
 * the checkpoint directory, the part when one is at fault, what was expected and what was found.
 */
public final class InvalidCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    InvalidCheckpointException(Path directory, String problem) {
        super(directory + ": " + problem);
        this.directory = Objects.requireNonNull(directory);
    }

    InvalidCheckpointException(Path directory, String problem, Throwable cause) {
        this(directory, problem);
        initCause(cause);
    }

    /** The checkpoint directory at fault. */
    public Path directory() {
        return directory;
    }
}
