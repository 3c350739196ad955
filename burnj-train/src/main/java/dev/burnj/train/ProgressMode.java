package dev.burnj.train;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/** How the Learner shows progress while it trains ({@link LearnerBuilder#progress(ProgressMode)}). */
public enum ProgressMode {
    /** A live bar when the output is standard output on an interactive terminal, plain lines otherwise. */
    AUTO,
    /** A live bar per epoch (batches, ETA, items/s and the current metrics), redrawn in place, then the epoch line. */
    BAR,
    /** Plain lines, for logs and CI: one every {@code logEvery} steps and one per epoch. */
    LINES,
    /** Nothing. */
    OFF;

    /** This mode with {@link #AUTO} decided for {@code out} on the current console. */
    ProgressMode resolve(PrintStream out) {
        if (this != AUTO) {
            return this;
        }
        return auto(out == System.out, interactive(System.console()), System.getenv("TERM"));
    }

    /** AUTO's rule: a bar only on standard output, on an interactive console, unless the terminal is dumb. */
    static ProgressMode auto(boolean standardOutput, boolean interactiveConsole, String term) {
        return standardOutput && interactiveConsole && !"dumb".equals(term) ? BAR : LINES;
    }

    /**
     * Whether {@code console} is a terminal. Java 22+ returns a console even when streams are redirected and says so
     * with {@code isTerminal()}; before it, a console exists only for an interactive terminal.
     */
    private static boolean interactive(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
