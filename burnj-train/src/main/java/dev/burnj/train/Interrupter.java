package dev.burnj.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running {@code fit} to stop cooperatively: the Learner finishes the current step, writes a checkpoint (when
 * checkpointing is on) and returns with the stop reason. Thread-safe; the CLI triggers it from SIGINT/SIGTERM.
 */
public final class Interrupter {
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String reason = "interrupted";

    public static Interrupter create() {
        return new Interrupter();
    }

    /** Requests a stop, with the reason the fit result will report. */
    public void stop(String why) {
        reason = why;
        requested.set(true);
    }

    /** Requests a stop. */
    public void stop() {
        stop("interrupted");
    }

    public boolean isStopRequested() {
        return requested.get();
    }

    String reason() {
        return reason;
    }

    /** Clears a request, so the interrupter can serve another fit. */
    public void reset() {
        requested.set(false);
    }
}
