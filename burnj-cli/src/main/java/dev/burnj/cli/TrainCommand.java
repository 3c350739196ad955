package dev.burnj.cli;

import dev.burnj.cli.task.ConfigOverrides;
import dev.burnj.cli.task.RunRecord;
import dev.burnj.cli.task.TaskConfigs;
import dev.burnj.cli.task.TaskContext;
import dev.burnj.cli.task.TaskRun;
import dev.burnj.cli.task.Tasks;
import dev.burnj.tensor.Device;
import dev.burnj.train.FitResult;
import dev.burnj.train.Interrupter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code burnj train TASK}: trains a task, writing checkpoints, {@code metrics.csv} and {@code run.json} to {@code --out}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains TASK. Hyper-parameters: the task's defaults < --config < --set < typed flags "
                + "(--epochs, --batch-size, --lr). SIGINT/SIGTERM finishes the step, writes a checkpoint and exits with 130; "
                + "a second signal aborts (131)."})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    BurnjCommand parent;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task to train (see 'burnj tasks').")
    String taskName;

    @Mixin
    TaskOptions options;

    @Option(names = "--epochs", paramLabel = "N", description = "Sets hyper-parameter epochs.")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stops after N optimizer steps in all (counting those before a resume).")
    Long maxSteps;

    @Option(names = "--lr", paramLabel = "X", description = "Sets hyper-parameter lr.")
    Double lr;

    @Option(names = "--out", paramLabel = "DIR", description = "The output directory (default: runs/TASK).")
    Path out;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "CHECKPOINT",
            description = "Continues from CHECKPOINT, or without a value from the newest checkpoint in --out; the run's "
                    + "saved hyper-parameters apply under the overrides given now.")
    String resume;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Exports traces and metrics over OTLP/HTTP to URL (e.g. http://localhost:4318); the standard OTEL_* variables work too.")
    String otlpEndpoint;

    @Override
    public Integer call() throws Exception {
        if (maxSteps != null && maxSteps < 1) {
            throw new UsageException("--max-steps must be >= 1, got " + maxSteps);
        }
        Path dir = out != null ? out : Path.of("runs", taskName);
        ConfigOverrides overrides = options.overrides();
        if (epochs != null) {
            overrides = overrides.withFlag("--epochs", "epochs", epochs);
        }
        if (lr != null) {
            overrides = overrides.withFlag("--lr", "lr", lr);
        }
        boolean resuming = resume != null;
        Optional<RunRecord> saved = resuming ? RunRecord.read(dir) : Optional.empty();
        if (saved.isPresent()) {
            overrides = saved.get().under(taskName, dir, overrides);
        }
        TaskRun<?, ?, ?, ?> run = TaskRun.of(Tasks.get(taskName), overrides);
        Device device = options.device();
        Interrupter interrupter = Interrupter.create();
        try (Telemetry telemetry = Telemetry.start(otlpEndpoint, System.getenv(), parent.err)) {
            TaskContext context = new TaskContext(device, options.seed, options.workers, dir, maxSteps == null ? 0 : maxSteps, resuming,
                    resuming && !resume.isEmpty() ? Optional.of(Path.of(resume)) : Optional.empty(), telemetry.api(), interrupter, parent.out);
            parent.out.println("training " + taskName + " on " + device + " into " + dir.toAbsolutePath().normalize() + " with "
                    + TaskConfigs.toTree(run.config()));
            Span span = telemetry.api().getTracer("dev.burnj.cli").spanBuilder("burnj train")
                    .setAttribute("burnj.task", taskName)
                    .setAttribute("burnj.device", device.toString())
                    .startSpan();
            FitResult<?> result;
            try (Scope scope = span.makeCurrent(); SignalInterrupts signals = SignalInterrupts.install(interrupter, parent.err)) {
                result = run.train(context);
                span.setAttribute(AttributeKey.longKey("burnj.steps"), result.steps());
                span.setAttribute("burnj.stop_reason", result.stopReason());
            } catch (RuntimeException | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                throw e;
            } finally {
                span.end();
            }
            String checkpoint = result.lastCheckpoint().map(c -> c.directory().toString()).orElse("none");
            if (result.interrupted()) {
                parent.out.println("interrupted (" + result.stopReason() + ") at step " + result.steps() + "; checkpoint " + checkpoint
                        + "; continue with: burnj train " + taskName + " --out " + dir + " --resume");
                return ExitCodes.INTERRUPTED;
            }
            parent.out.println("done: " + result.stopReason() + " after " + result.steps() + " steps; checkpoint " + checkpoint);
            return ExitCodes.OK;
        }
    }
}
