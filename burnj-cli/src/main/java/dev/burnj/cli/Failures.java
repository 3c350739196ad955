package dev.burnj.cli;

import dev.burnj.cli.task.ConfigException;
import dev.burnj.cli.task.UnknownTaskException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on standard error and an exit code: 2 for a usage error, 1 for
 * any other failure. The stack trace is printed only with {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler {
    private final PrintStream err;

    Failures(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        boolean usage = e instanceof UsageException || e instanceof ConfigException || e instanceof UnknownTaskException;
        Throwable shown = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        boolean expected = usage || shown instanceof IOException || shown instanceof IllegalArgumentException
                || shown instanceof IllegalStateException;
        String message = shown instanceof NoSuchFileException ? "no such file: " + shown.getMessage()
                : expected && shown.getMessage() != null ? shown.getMessage()
                : shown + " (an internal error; run with --verbose for the stack trace)";
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message);
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        return usage ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
