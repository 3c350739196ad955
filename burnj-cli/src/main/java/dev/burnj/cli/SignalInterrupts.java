package dev.burnj.cli;

import dev.burnj.train.Interrupter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a fit: the first asks the {@link Interrupter} to stop (the Learner finishes the step,
 * writes a checkpoint and returns); a second one halts the JVM at once with {@link ExitCodes#ABORTED}. A signal
 * handler rather than a shutdown hook, because once the JVM's shutdown has begun a second Ctrl-C cannot abort it.
 * Closing restores the previous handlers. sun.misc.Signal (module jdk.unsupported) is the one JDK API for this; javac
 * warns that it is internal, which cannot be suppressed under {@code --release}.
 */
final class SignalInterrupts implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private SignalInterrupts() {}

    static SignalInterrupts install(Interrupter interrupter, PrintStream err) {
        SignalInterrupts s = new SignalInterrupts();
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.incrementAndGet() == 1) {
                err.println("burnj: SIG" + signal.getName() + " received: finishing the current step and writing a checkpoint "
                        + "(send it again to abort at once)");
                interrupter.stop("interrupted by SIG" + signal.getName());
            } else {
                err.println("burnj: second signal: aborting without a checkpoint of the current step");
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.ABORTED);
            }
        };
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                s.previous.add(Signal.handle(signal, handler));
                s.installed.add(signal);
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal (e.g. with -Xrs); training then stops the default way.
                err.println("burnj: cannot handle SIG" + name + " (" + e.getMessage() + "); it will end training without a checkpoint");
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
