package dev.burnj.tensor;

/**
 * A scope in which autodiff backends record nothing: inference, metric computation, optimizer updates.
 * Per thread and nestable: {@code try (var ng = NoGrad.enter()) { ... }}.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private NoGrad() {
        DEPTH.get()[0]++;
    }

    /** Enters a no-grad scope on this thread. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Whether the current thread is inside a no-grad scope. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a NoGrad scope must be closed by the thread that entered it (" + owner.getName() + ")");
        }
        closed = true;
        DEPTH.get()[0]--;
    }
}
