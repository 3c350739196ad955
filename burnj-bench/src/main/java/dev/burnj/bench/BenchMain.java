package dev.burnj.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code burnj-bench} launcher: end-to-end {@code workloads} and JMH microbenchmarks ({@code jmh}). */
@Command(name = "burnj-bench", mixinStandardHelpOptions = true, subcommands = {WorkloadsCommand.class, JmhCommand.class},
        description = "burnj's benchmarks. 'workloads' times W1-W5 end to end; 'jmh' runs the microbenchmarks.")
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The launcher's command line; JMH options after {@code jmh} pass through untouched. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: workloads or jmh");
    }
}
