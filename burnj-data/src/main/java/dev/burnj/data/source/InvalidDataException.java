package dev.burnj.data.source;

import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be: the message names the file, the position (byte offset,
 * line or column) and what was expected there.
 */
public final class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public InvalidDataException(Path file, String position, String problem) {
        this(file, position, problem, null);
    }

    public InvalidDataException(Path file, String position, String problem, Throwable cause) {
        super(file + ": " + position + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
