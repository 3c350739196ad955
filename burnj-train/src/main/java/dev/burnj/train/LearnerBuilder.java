package dev.burnj.train;

import dev.burnj.backend.Backend;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.lr.LrScheduler;
import dev.burnj.optim.lr.ReduceLrOnPlateau;
import dev.burnj.optim.lr.StepScheduler;
import dev.burnj.tensor.Device;
import dev.burnj.train.checkpoint.RetentionPolicy;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.Metric;
import io.opentelemetry.api.OpenTelemetry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Configures a {@link Learner} (Burn's {@code LearnerBuilder}, Lightning's {@code Trainer} arguments). Every option
 * has a default; {@link #build()} checks them together. A builder is not thread-safe and may build several learners.
 */
public final class LearnerBuilder<M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch, O extends LossInput> {
    final M model;
    final Optimizer optimizer;
    LrScheduler scheduler;
    SchedulerInterval schedulerInterval = SchedulerInterval.STEP;
    String plateauMetric;
    final List<Supplier<? extends Metric<? super O>>> metrics = new ArrayList<>();
    int epochs = 1;
    long maxSteps = -1;
    int limitTrainBatches = Integer.MAX_VALUE;
    int limitValidBatches = Integer.MAX_VALUE;
    Interval validEvery = Interval.epochs(1);
    boolean fastDevRun;
    int accumulation = 1;
    double clipNorm = Double.NaN;
    double clipValue = Double.NaN;
    Long seed;
    boolean deterministic;
    EarlyStopping earlyStopping;
    Path artifactDir;
    Interval checkpointEvery = Interval.epochs(1);
    RetentionPolicy retention;
    boolean resume;
    Path resumeFrom;
    Interrupter interrupter = Interrupter.create();
    final List<Callback> callbacks = new ArrayList<>();
    final List<MetricLogger> loggers = new ArrayList<>();
    boolean fileLogger = true;
    boolean summary = true;
    boolean profile;
    ProgressMode progress = ProgressMode.AUTO;
    int logEvery = 100;
    boolean plots = true;
    OpenTelemetry telemetry;
    int traceStepsEvery = 50;
    PrintStream out = System.out;
    NonFiniteLossPolicy nonFinite = NonFiniteLossPolicy.STOP;
    List<Device> devices = List.of();

    LearnerBuilder(M model, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** A step-based scheduler, advanced after every optimizer step or at every epoch's end. */
    public LearnerBuilder<M, B, O> scheduler(StepScheduler newScheduler, SchedulerInterval interval) {
        this.scheduler = Objects.requireNonNull(newScheduler, "scheduler");
        this.schedulerInterval = Objects.requireNonNull(interval, "interval");
        this.plateauMetric = null;
        return this;
    }

    /** A plateau scheduler, stepped at each epoch's end with the epoch's validation value of {@code metric}. */
    public LearnerBuilder<M, B, O> scheduler(ReduceLrOnPlateau newScheduler, String metric) {
        this.scheduler = Objects.requireNonNull(newScheduler, "scheduler");
        this.schedulerInterval = SchedulerInterval.EPOCH;
        this.plateauMetric = Objects.requireNonNull(metric, "metric");
        return this;
    }

    /**
     * Adds a metric, computed on training and on validation batches; {@code metric} makes a fresh instance for each
     * ({@code AccuracyMetric::of}). The loss metric is always there, first.
     */
    public LearnerBuilder<M, B, O> metric(Supplier<? extends Metric<? super O>> metric) {
        metrics.add(Objects.requireNonNull(metric, "metric"));
        return this;
    }

    /** The number of epochs to train (default 1). */
    public LearnerBuilder<M, B, O> epochs(int n) {
        epochs = positive("epochs", n);
        return this;
    }

    /** Stops after {@code n} optimizer steps, wherever that falls (default: no limit). */
    public LearnerBuilder<M, B, O> maxSteps(long n) {
        maxSteps = positive("maxSteps", n);
        return this;
    }

    /** Trains on at most {@code n} batches per epoch. */
    public LearnerBuilder<M, B, O> limitTrainBatches(int n) {
        limitTrainBatches = positive("limitTrainBatches", n);
        return this;
    }

    /** Validates on at most {@code n} batches each time. */
    public LearnerBuilder<M, B, O> limitValidBatches(int n) {
        limitValidBatches = positive("limitValidBatches", n);
        return this;
    }

    /** How often to validate (default every epoch). */
    public LearnerBuilder<M, B, O> validEvery(Interval interval) {
        validEvery = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** One batch of training and one of validation, one epoch, no checkpoints and no files: a smoke test of the code. */
    public LearnerBuilder<M, B, O> fastDevRun(boolean on) {
        fastDevRun = on;
        return this;
    }

    /** Sums gradients over {@code k} batches per optimizer step (scale the loss by 1/k for a mean). */
    public LearnerBuilder<M, B, O> gradientAccumulation(int k) {
        accumulation = positive("gradientAccumulation", k);
        return this;
    }

    /** Scales gradients so their global L2 norm is at most {@code maxNorm}, before each optimizer step. */
    public LearnerBuilder<M, B, O> clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm needs maxNorm > 0, got " + maxNorm);
        }
        clipNorm = maxNorm;
        return this;
    }

    /** Clamps every gradient element to [-clip, clip], before each optimizer step. */
    public LearnerBuilder<M, B, O> clipGradValue(double clip) {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clipGradValue needs clip > 0, got " + clip);
        }
        clipValue = clip;
        return this;
    }

    /**
     * Seeds the global generator and every generator of the model (each from the seed and its name) when fit starts
     * fresh. Data loaders keep the seed of their own config, so seed them with the same value.
     */
    public LearnerBuilder<M, B, O> seed(long newSeed) {
        seed = newSeed;
        return this;
    }

    /**
     * Requires a reproducible run (Lightning's {@code deterministic=True}): a {@link #seed} must be set, and the
     * model's backend must promise deterministic kernels ({@code Backend.isDeterministic()}); otherwise
     * {@link #build()} or {@code fit} fails with the reason. Data loaders are deterministic for any worker count.
     */
    public LearnerBuilder<M, B, O> deterministic(boolean on) {
        deterministic = on;
        return this;
    }

    public LearnerBuilder<M, B, O> earlyStopping(EarlyStopping rule) {
        earlyStopping = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /**
     * Where the run writes its artifacts: {@code checkpoints/}, {@code metrics.csv} and {@code plots/}. Without one,
     * nothing is written and checkpointing is off.
     */
    public LearnerBuilder<M, B, O> artifactDir(Path dir) {
        artifactDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** How often to checkpoint (default every epoch); a checkpoint is also written whenever fit stops early. */
    public LearnerBuilder<M, B, O> checkpointEvery(Interval interval) {
        checkpointEvery = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** Which checkpoints to keep (default the last 2, plus the best by validation loss when there is validation). */
    public LearnerBuilder<M, B, O> retention(RetentionPolicy policy) {
        retention = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Resumes from the newest complete checkpoint in the artifact directory, if there is one. */
    public LearnerBuilder<M, B, O> resume(boolean on) {
        resume = on;
        return this;
    }

    /** Resumes from the checkpoint directory {@code checkpoint}. */
    public LearnerBuilder<M, B, O> resumeFrom(Path checkpoint) {
        resumeFrom = Objects.requireNonNull(checkpoint, "checkpoint");
        return this;
    }

    public LearnerBuilder<M, B, O> interrupter(Interrupter newInterrupter) {
        interrupter = Objects.requireNonNull(newInterrupter, "interrupter");
        return this;
    }

    public LearnerBuilder<M, B, O> callback(Callback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** Adds a metric logger (besides the CSV file in the artifact directory). */
    public LearnerBuilder<M, B, O> logger(MetricLogger logger) {
        loggers.add(Objects.requireNonNull(logger, "logger"));
        return this;
    }

    /** Whether to write {@code metrics.csv} in the artifact directory (default true). */
    public LearnerBuilder<M, B, O> fileLogger(boolean on) {
        fileLogger = on;
        return this;
    }

    /**
     * Whether to print, when fit ends, where the time went: data wait, forward, backward, optimizer, metrics,
     * validation and checkpoints (default false; {@link FitResult#profile()} has it either way).
     */
    public LearnerBuilder<M, B, O> profile(boolean on) {
        profile = on;
        return this;
    }

    /** Whether to print the summary table when fit ends (default true). */
    public LearnerBuilder<M, B, O> summary(boolean on) {
        summary = on;
        return this;
    }

    /** Whether to show progress: {@link ProgressMode#AUTO} (the default) or {@link ProgressMode#OFF}. */
    public LearnerBuilder<M, B, O> progress(boolean on) {
        progress = on ? ProgressMode.AUTO : ProgressMode.OFF;
        return this;
    }

    /**
     * How to show progress (default {@link ProgressMode#AUTO}: a live bar on an interactive terminal, else a line
     * every {@code logEvery} steps and one per epoch).
     */
    public LearnerBuilder<M, B, O> progress(ProgressMode mode) {
        progress = Objects.requireNonNull(mode, "mode");
        return this;
    }

    public LearnerBuilder<M, B, O> logEvery(int steps) {
        logEvery = positive("logEvery", steps);
        return this;
    }

    /**
     * Whether to write PNG plots of every metric into {@code plots/} of the artifact directory, after each epoch and
     * when fit ends (default true; needs the CSV log, see {@link #fileLogger}).
     */
    public LearnerBuilder<M, B, O> plots(boolean on) {
        plots = on;
        return this;
    }

    /**
     * The OpenTelemetry to report spans and metrics to (default: {@code GlobalOpenTelemetry} as installed when fit
     * starts, a no-op if none is). See {@link dev.burnj.train.telemetry.TrainingTelemetry} for what is reported.
     */
    public LearnerBuilder<M, B, O> telemetry(OpenTelemetry otel) {
        telemetry = Objects.requireNonNull(otel, "otel");
        return this;
    }

    /** Traces the first step and every {@code n}-th optimizer step as a {@code burnj.step} span (default 50). */
    public LearnerBuilder<M, B, O> traceStepsEvery(int n) {
        traceStepsEvery = positive("traceStepsEvery", n);
        return this;
    }

    /** Where progress and the summary are printed (default standard output). */
    public LearnerBuilder<M, B, O> output(PrintStream stream) {
        out = Objects.requireNonNull(stream, "stream");
        return this;
    }

    public LearnerBuilder<M, B, O> onNonFiniteLoss(NonFiniteLossPolicy policy) {
        nonFinite = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The devices to train on. One device now (the model's); data-parallel training over several devices arrives
     * with burnj-distributed and will use this same option.
     */
    public LearnerBuilder<M, B, O> devices(Device... list) {
        devices = List.of(list);
        return this;
    }

    /** A copy, so that a built learner is not changed by later calls on this builder. */
    private LearnerBuilder<M, B, O> copy() {
        LearnerBuilder<M, B, O> c = new LearnerBuilder<>(model, optimizer);
        c.scheduler = scheduler;
        c.schedulerInterval = schedulerInterval;
        c.plateauMetric = plateauMetric;
        c.metrics.addAll(metrics);
        c.epochs = epochs;
        c.maxSteps = maxSteps;
        c.limitTrainBatches = limitTrainBatches;
        c.limitValidBatches = limitValidBatches;
        c.validEvery = validEvery;
        c.fastDevRun = fastDevRun;
        c.accumulation = accumulation;
        c.clipNorm = clipNorm;
        c.clipValue = clipValue;
        c.seed = seed;
        c.deterministic = deterministic;
        c.earlyStopping = earlyStopping;
        c.artifactDir = artifactDir;
        c.checkpointEvery = checkpointEvery;
        c.retention = retention;
        c.resume = resume;
        c.resumeFrom = resumeFrom;
        c.interrupter = interrupter;
        c.callbacks.addAll(callbacks);
        c.loggers.addAll(loggers);
        c.fileLogger = fileLogger;
        c.summary = summary;
        c.profile = profile;
        c.progress = progress;
        c.logEvery = logEvery;
        c.plots = plots;
        c.telemetry = telemetry;
        c.traceStepsEvery = traceStepsEvery;
        c.out = out;
        c.nonFinite = nonFinite;
        c.devices = devices;
        return c;
    }

    public Learner<M, B, O> build() {
        if (devices.size() > 1) {
            throw new IllegalArgumentException("training on " + devices.size() + " devices needs data-parallel training, which this "
                    + "version of burnj does not have yet; pass one device");
        }
        if (deterministic && seed == null) {
            throw new IllegalStateException("deterministic(true) needs a seed(...): without one the initial random state is not fixed");
        }
        if (deterministic) {
            for (Param<?> p : model.parameters()) {
                Backend backend = p.value().device().backend();
                if (!backend.isDeterministic()) {
                    throw new IllegalStateException("deterministic(true): backend " + backend.name() + " does not promise deterministic kernels");
                }
            }
        }
        if (resume && artifactDir == null && resumeFrom == null) {
            throw new IllegalStateException("resume(true) needs an artifactDir to find checkpoints in");
        }
        if (plateauMetric != null && !metricNames().contains(plateauMetric)) {
            throw new IllegalStateException("the plateau scheduler monitors '" + plateauMetric + "', which is not a configured metric "
                    + metricNames());
        }
        if (earlyStopping != null && !metricNames().contains(earlyStopping.metric())) {
            throw new IllegalStateException("early stopping monitors '" + earlyStopping.metric() + "', which is not a configured metric "
                    + metricNames());
        }
        return new Learner<>(copy());
    }

    /** The names the fit will report, in the order and with the de-duplication the Learner applies. */
    List<String> metricNames() {
        return Evaluation.metricsWithLoss(metrics).stream().map(Metric::name).toList();
    }

    private static int positive(String option, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + n);
        }
        return n;
    }

    private static long positive(String option, long n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + n);
        }
        return n;
    }
}
