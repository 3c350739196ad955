package dev.burnj.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point of the {@code burnj} command: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code args} printing to {@code out} and {@code err}, and returns the exit code (never calls exit). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new BurnjCommand(out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, arguments) -> {
            // One line: what is wrong and where the help is, not the whole usage text.
            err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler(new Failures(err));
        return cl.execute(args);
    }
}
