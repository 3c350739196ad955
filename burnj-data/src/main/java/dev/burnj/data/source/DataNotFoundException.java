package dev.burnj.data.source;

/** A dataset's files were not found: the message lists every place that was searched and how to get the data. */
public final class DataNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message) {
        super(message);
    }
}
