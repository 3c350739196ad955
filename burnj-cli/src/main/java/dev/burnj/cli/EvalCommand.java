package dev.burnj.cli;

import dev.burnj.cli.task.ConfigOverrides;
import dev.burnj.cli.task.RunRecord;
import dev.burnj.cli.task.TaskContext;
import dev.burnj.cli.task.TaskRun;
import dev.burnj.cli.task.Tasks;
import dev.burnj.cli.task.TrainingTask;
import dev.burnj.train.Interrupter;
import dev.burnj.train.checkpoint.Checkpoint;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code burnj eval TASK --checkpoint DIR}: the loss and the task's metrics on its test split. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a checkpoint of TASK on the task's test split. The run's saved hyper-parameters "
                + "(run.json beside checkpoints/) apply under --config and --set."})
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    BurnjCommand parent;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task the checkpoint was trained with.")
    String taskName;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "A checkpoint directory, or a run's output directory for its newest checkpoint.")
    Path checkpointPath;

    @Mixin
    TaskOptions options;

    @Override
    public Integer call() throws Exception {
        ConfigOverrides overrides = options.overrides();
        TrainingTask<?, ?, ?, ?> task = Tasks.get(taskName);
        Checkpoint checkpoint = CheckpointArgument.open(checkpointPath);
        Path runDir = CheckpointArgument.runDirectory(checkpoint);
        Optional<RunRecord> saved = RunRecord.read(runDir);
        if (saved.isPresent()) {
            overrides = saved.get().under(taskName, runDir, overrides);
        }
        TaskRun<?, ?, ?, ?> run = TaskRun.of(task, overrides);
        TaskContext context = new TaskContext(options.device(), options.seed, options.workers, runDir, 0, false, Optional.empty(),
                OpenTelemetry.noop(), Interrupter.create(), parent.out);
        Map<String, Double> metrics = run.evaluate(checkpoint, context);
        parent.out.println("test metrics of " + checkpoint.directory() + " (step " + checkpoint.step() + "):");
        metrics.forEach((k, v) -> parent.out.printf(Locale.ROOT, "  %-12s %.6f%n", k, v));
        return ExitCodes.OK;
    }
}
