package dev.burnj.cli.task;

/** No task of the requested name is on the class path; the message lists those that are. */
public final class UnknownTaskException extends IllegalArgumentException {
    public UnknownTaskException(String message) {
        super(message);
    }
}
