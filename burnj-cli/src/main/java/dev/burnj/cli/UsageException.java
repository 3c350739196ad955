package dev.burnj.cli;

/** The command line cannot be carried out as given (a bad option value, an unknown name): exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
