package dev.burnj.cli.task;

import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.train.Interrupter;
import io.opentelemetry.api.OpenTelemetry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run gives a {@link TrainingTask} besides its hyper-parameters: where and how to run. The CLI builds it from
 * {@code --backend}, {@code --device}, {@code --seed}, {@code --workers}, {@code --out}, {@code --max-steps} and
 * {@code --resume}; tests and embedding programs build it with {@link #of}.
 *
 * @param device the device to train on, with autodiff
 * @param seed the run's seed: models, loaders and the Learner are seeded from it
 * @param workers data-loader worker threads (0 loads on the training thread)
 * @param outputDir the artifact directory (checkpoints, {@code metrics.csv}, {@code run.json})
 * @param maxSteps the optimizer-step limit, 0 for none (a schedule over the whole run may need it)
 * @param resume whether to continue from a checkpoint
 * @param resumeFrom the checkpoint to continue from; empty with {@code resume} means the newest in {@code outputDir}
 * @param telemetry the OpenTelemetry instance (a no-op one unless telemetry is configured)
 * @param interrupter stops the fit cooperatively (SIGINT/SIGTERM in the CLI)
 * @param out where progress and results are printed
 */
public record TaskContext(Device device, long seed, int workers, Path outputDir, long maxSteps, boolean resume, Optional<Path> resumeFrom,
        OpenTelemetry telemetry, Interrupter interrupter, PrintStream out) {
    public TaskContext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(resumeFrom, "resumeFrom");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(interrupter, "interrupter");
        Objects.requireNonNull(out, "out");
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0, got " + workers);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0 (0 for no limit), got " + maxSteps);
        }
    }

    /** A fresh run on {@code device} with {@code seed}, no worker threads, no step limit, printing to standard output. */
    public static TaskContext of(Device device, long seed, Path outputDir) {
        return new TaskContext(device.autodiff(), seed, 0, outputDir, 0, false, Optional.empty(), OpenTelemetry.noop(), Interrupter.create(),
                System.out);
    }

    /** Tensor options on {@link #device()} with a generator seeded from {@link #seed()}, for building the model. */
    public TensorOptions tensorOptions() {
        return TensorOptions.on(device).withGenerator(Generator.of(seed));
    }

    /**
     * A loader configuration with this run's seed and workers: shuffled (training) or in order (validation, test).
     */
    public DataLoaderConfig loaderConfig(int batchSize, boolean shuffle) {
        DataLoaderConfig config = DataLoaderConfig.of(batchSize).withWorkers(workers);
        return shuffle ? config.withShuffle(seed) : config.withSeed(seed);
    }
}
