package dev.burnj.cli;

import dev.burnj.cli.task.TaskConfigs;
import dev.burnj.cli.task.Tasks;
import dev.burnj.cli.task.TrainingTask;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code burnj tasks}: every task on the class path with its description and default hyper-parameters. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Lists the tasks on the class path, with their default hyper-parameters (the keys of --set).")
final class TasksCommand implements Callable<Integer> {
    @ParentCommand
    BurnjCommand parent;

    @Override
    public Integer call() {
        List<TrainingTask<?, ?, ?, ?>> tasks = Tasks.list();
        if (tasks.isEmpty()) {
            parent.out.println("no tasks on the class path (a jar that provides dev.burnj.cli.task.TrainingTask adds one)");
        }
        for (TrainingTask<?, ?, ?, ?> task : tasks) {
            parent.out.println(task.name() + "  " + task.description());
            parent.out.println("    defaults: " + TaskConfigs.toTree(task.defaults()).toString());
        }
        return ExitCodes.OK;
    }
}
