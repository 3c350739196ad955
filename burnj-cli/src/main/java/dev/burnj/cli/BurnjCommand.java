package dev.burnj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code burnj} command: holds the output streams and the options every subcommand shares. */
@Command(name = "burnj", mixinStandardHelpOptions = true, versionProvider = BurnjCommand.Version.class,
        description = "Trains, evaluates and inspects burnj models.",
        subcommands = {TrainCommand.class, EvalCommand.class, InfoCommand.class, InspectCommand.class, TasksCommand.class,
                DataCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (missing checkpoint or data, error in training)",
                "2:usage error (unknown command, option, task or hyper-parameter, bad value)",
                "130:training interrupted by SIGINT/SIGTERM, checkpoint written (resume with --resume)",
                "131:training aborted by a second signal, no checkpoint of the current step"})
final class BurnjCommand implements Runnable {
    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    BurnjCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: train, eval, info, inspect, tasks or data");
    }

    /** The version of the burnj build, from the resource Maven writes. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = BurnjCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    /** Picocli's {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"burnj " + version()};
        }
    }
}
