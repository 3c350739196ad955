package dev.burnj.data.loader;

/**
 * A failure while loading a batch, raised on the consumer's thread whichever worker hit it. {@link #itemIndex()} is
 * the dataset index of the item that failed, or -1 if the batcher itself failed.
 */
public final class DataLoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int itemIndex;

    public DataLoaderException(String message, int itemIndex, Throwable cause) {
        super(message, cause);
        this.itemIndex = itemIndex;
    }

    /** The dataset index of the failing item, or -1 when the failure is not tied to one item. */
    public int itemIndex() {
        return itemIndex;
    }
}
