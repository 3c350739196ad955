package dev.burnj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code burnj data}: dataset tools. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Dataset tools.", subcommands = DataConvertCommand.class)
final class DataCommand implements Runnable {
    @ParentCommand
    BurnjCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: convert");
    }
}
