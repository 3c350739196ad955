package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns one reference to a tensor's primitive. Released by {@code close()}, by the tensor's scope, or — as a
 * fallback for tensors nobody closed (typical in notebooks) — by a {@link Cleaner} once the tensor object is
 * unreachable, which logs a leak warning because native memory was held until the GC ran.
 */
final class TensorHandle implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger("dev.burnj.tensor");
    private static final AtomicLong LEAKS = new AtomicLong();

    private final TensorPrimitive primitive;
    private volatile boolean closedExplicitly;
    private Cleaner.Cleanable cleanable;

    private TensorHandle(TensorPrimitive primitive) {
        this.primitive = primitive;
    }

    /** Takes over {@code primitive}'s reference on behalf of {@code owner}. */
    static TensorHandle attach(Object owner, TensorPrimitive primitive) {
        TensorHandle handle = new TensorHandle(primitive);
        handle.cleanable = CLEANER.register(owner, handle);
        return handle;
    }

    TensorPrimitive primitive() {
        return primitive;
    }

    boolean isOpen() {
        return !closedExplicitly && primitive.isLive();
    }

    void close() {
        closedExplicitly = true;
        cleanable.clean();
    }

    /** Number of tensors freed by the GC fallback instead of a scope or close() in this process. */
    static long leakCount() {
        return LEAKS.get();
    }

    @Override
    public void run() {
        if (!closedExplicitly) {
            long n = LEAKS.incrementAndGet();
            // Warn on powers of two so a leaking loop is visible without flooding the log.
            if (Long.bitCount(n) == 1) {
                LOG.log(System.Logger.Level.WARNING, "burnj: " + n + " tensor(s) were freed by the garbage collector, not by close() or a"
                        + " TensorScope (last: " + primitive.shape() + " " + primitive.dtype() + "); use TensorScope to free memory promptly");
            }
        }
        primitive.release();
    }
}
