package dev.burnj.train;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.LoaderState;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.optim.GradClipping;
import dev.burnj.optim.GradientAccumulator;
import dev.burnj.optim.ParamGrads;
import dev.burnj.optim.lr.ReduceLrOnPlateau;
import dev.burnj.optim.lr.StepScheduler;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.CheckpointContents;
import dev.burnj.train.checkpoint.Checkpointer;
import dev.burnj.train.checkpoint.RetentionPolicy;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.Metric;
import dev.burnj.train.metric.MetricContext;
import dev.burnj.train.plot.MetricPlots;
import dev.burnj.train.telemetry.TrainingTelemetry;
import dev.burnj.tensor.Device;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.awt.AWTError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One run of {@link Learner#fit}: the mutable state of the loop (package-private). */
final class FitLoop<M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch, O extends LossInput>
        implements AutoCloseable {
    private final LearnerBuilder<M, B, O> c;
    private final M model;
    private final DataLoader<?, B> train;
    private final DataLoader<?, B> valid;
    private final List<Metric<? super O>> trainMetrics;
    private final List<Metric<? super O>> validMetrics;
    private final List<MetricLogger> loggers = new ArrayList<>();
    /** The telemetry callback first, then the user's. */
    private final List<Callback> callbacks = new ArrayList<>();
    private final Checkpointer checkpointer;
    private final GradientAccumulator accumulator;
    private final Profiler profiler = new Profiler();
    private final ProgressView printer;
    private final int epochs;
    private final int limitTrain;
    private final int limitValid;

    private MetricHistory history = MetricHistory.empty();
    /** The training metrics' state saved mid-epoch, loaded once the resumed epoch starts. */
    private Map<String, Map<String, Object>> resumedMetricState;
    private int epoch;
    private int batchesDone;
    private long step;
    private long skipped;
    private Checkpoint lastCheckpoint;
    private String stopReason;
    private boolean interrupted;
    /** The CSV log that plots are drawn from, or null for no plots. */
    private Path plotSource;
    private boolean plotsStale;

    FitLoop(LearnerBuilder<M, B, O> config, DataLoader<?, B> train, DataLoader<?, B> valid) throws IOException {
        this.c = config;
        this.model = config.model;
        this.train = Objects.requireNonNull(train, "train loader");
        this.valid = valid;
        this.trainMetrics = Evaluation.metricsWithLoss(config.metrics);
        this.validMetrics = Evaluation.metricsWithLoss(config.metrics);
        this.epochs = config.fastDevRun ? 1 : config.epochs;
        this.limitTrain = config.fastDevRun ? 1 : config.limitTrainBatches;
        this.limitValid = config.fastDevRun ? 1 : config.limitValidBatches;
        this.accumulator = GradientAccumulator.of(config.accumulation);
        boolean artifacts = config.artifactDir != null && !config.fastDevRun;
        if (artifacts) {
            RetentionPolicy retention = config.retention != null ? config.retention
                    : valid == null ? RetentionPolicy.keepLast(2)
                    : RetentionPolicy.keepLast(2).or(RetentionPolicy.keepBest(1, "valid_loss", Goal.MINIMIZE));
            this.checkpointer = Checkpointer.in(config.artifactDir.resolve("checkpoints")).withRetention(retention);
            if (config.fileLogger) {
                CsvMetricLogger csv = CsvMetricLogger.to(config.artifactDir.resolve("metrics.csv"));
                loggers.add(csv);
                plotSource = config.plots ? csv.file() : null;
            }
        } else {
            this.checkpointer = null;
        }
        loggers.addAll(config.loggers);
        callbacks.add(telemetry(config, epochs));
        callbacks.addAll(config.callbacks);
        this.printer = ProgressView.of(config.progress, config.out, config.logEvery, epochs);
    }

    /**
     * The fit's OpenTelemetry instrumentation. Without an explicit instance, the global one as installed now —
     * {@code getOrNoop}, not {@code get}: {@code get} would fix the global to a no-op and make a later install fail.
     */
    private static TrainingTelemetry telemetry(LearnerBuilder<?, ?, ?> config, int epochs) {
        OpenTelemetry otel = config.telemetry != null ? config.telemetry : GlobalOpenTelemetry.getOrNoop();
        var params = config.model.parameters();
        Device device = !config.devices.isEmpty() ? config.devices.get(0) : params.isEmpty() ? null : params.get(0).device();
        String backend = device == null ? "unknown" : device.backend().name();
        return TrainingTelemetry.of(otel, backend, device == null ? "unknown" : device.toString(), epochs)
                .withStepSampling(config.traceStepsEvery);
    }

    FitResult<M> run() throws IOException {
        try {
            start();
            for (Callback cb : callbacks) {
                cb.fitStart(epoch, step);
            }
            while (stopReason == null && epoch < epochs) {
                runEpoch();
            }
            if (stopReason == null) {
                stopReason = "completed " + epochs + " epoch" + (epochs == 1 ? "" : "s");
            }
        } catch (RuntimeException | IOException | Error e) {
            for (Callback cb : callbacks) {
                cb.exception(e);
            }
            throw e;
        }
        FitResult<M> result = new FitResult<>(model, history, stopReason, epoch + (batchesDone > 0 ? 1 : 0), step, Optional.ofNullable(lastCheckpoint), profiler.snapshot(),
                interrupted);
        if (printer != null) {
            // a bar left by a fit that stopped mid-epoch would keep redrawing over the summary
            printer.close();
        }
        if (c.summary) {
            c.out.print(Summary.of(result, trainMetrics, c.earlyStopping));
        }
        if (c.profile) {
            c.out.print(result.profile().table());
        }
        for (Callback cb : callbacks) {
            cb.fitEnd(result);
        }
        return result;
    }

    /** Resumes from a checkpoint, or starts fresh (seeding, the scheduler's initial learning rate). */
    private void start() throws IOException {
        Checkpoint from = null;
        if (c.resumeFrom != null) {
            from = Checkpoint.open(c.resumeFrom);
        } else if (c.resume && checkpointer != null) {
            from = checkpointer.latest().orElse(null);
        } else if (checkpointer != null && !checkpointer.list().isEmpty()) {
            throw new IllegalStateException(checkpointer.directory() + " already holds checkpoints of a run; resume it with resume(true) "
                    + "or give this run a new artifact directory");
        }
        if (from != null) {
            resume(from);
            return;
        }
        if (c.seed != null) {
            seed(c.seed);
        }
        if (c.scheduler != null) {
            c.scheduler.applyTo(c.optimizer);
        }
        for (MetricLogger logger : loggers) {
            logger.resumeAt(0, 0);
        }
    }

    private void resume(Checkpoint from) throws IOException {
        from.verify();
        from.loadModule("model", model);
        from.loadOptimizer("optimizer", c.optimizer, c.scheduler);
        TrainingProgress progress = from.readJson("progress", TrainingProgress.class);
        from.readJson("rng", RngState.class).restore(model);
        train.restore(from.readJson("loader", LoaderState.class));
        history = from.readJson("history", MetricHistory.class);
        if (from.parts().contains("metrics")) {
            resumedMetricState = from.readJson("metrics", MetricStates.class).metrics();
        }
        epoch = progress.epoch();
        batchesDone = progress.batchesDone();
        step = progress.step();
        skipped = progress.skippedSteps();
        lastCheckpoint = from;
        for (MetricLogger logger : loggers) {
            logger.resumeAt(epoch, step);
        }
        if (printer != null) {
            printer.resumed(from, epoch, batchesDone);
        }
        if (c.maxSteps > 0 && step >= c.maxSteps) {
            stopReason = "max steps " + c.maxSteps + " reached";
        } else if (batchesDone == 0 && c.earlyStopping != null) {
            c.earlyStopping.shouldStop(history).ifPresent(reason -> stopReason = "early stopping: " + reason);
        }
    }

    /** Seeds the global generator and each distinct model generator, the latter from the seed and its first name. */
    private void seed(long seed) {
        Generator.seed(seed);
        Map<Generator, String> distinct = new IdentityHashMap<>();
        model.namedGenerators().forEach((name, g) -> distinct.putIfAbsent(g, name));
        distinct.forEach((g, name) -> {
            if (g != Generator.global()) {
                g.reseed(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            }
        });
    }

    private void runEpoch() throws IOException {
        int batches = Math.min(train.numBatches(), limitTrain);
        model.train();
        trainMetrics.forEach(Metric::reset);
        if (resumedMetricState != null) {
            for (Metric<? super O> m : trainMetrics) {
                Map<String, Object> saved = resumedMetricState.get(m.name());
                if (saved != null && !saved.isEmpty()) {
                    m.loadState(saved);
                }
            }
            resumedMetricState = null;
        }
        for (Callback cb : callbacks) {
            cb.epochStart(epoch, batches);
        }
        if (printer != null) {
            printer.epochStart(epoch, batches, batchesDone);
        }
        Evaluation.moveTo(train, epoch, batchesDone);
        Iterator<B> batchesLeft = train.iterator();
        while (stopReason == null && batchesDone < batches && batchesLeft.hasNext()) {
            boolean stepped = trainBatch(batchesLeft, batches);
            if (stepped) {
                afterStep();
            }
        }
        if (stopReason != null && batchesDone < batches) {
            return;
        }
        endEpoch(batches);
    }

    /** Trains on the next batch; returns whether the optimizer stepped. */
    private boolean trainBatch(Iterator<B> batchesLeft, int batches) throws IOException {
        long t = System.nanoTime();
        boolean stepped = false;
        Map<String, Double> values = new LinkedHashMap<>();
        MetricContext context;
        try (TensorScope scope = TensorScope.open()) {
            B batch = batchesLeft.next();
            t = profiler.add(Phase.DATA, t);
            O out = model.trainStep(batch);
            double loss = out.loss().item();
            t = profiler.add(Phase.FORWARD, t);
            if (!Double.isFinite(loss)) {
                if (c.nonFinite == NonFiniteLossPolicy.STOP) {
                    throw new NonFiniteLossException(loss, epoch, batchesDone, step + 1,
                            lastCheckpoint == null ? null : lastCheckpoint.directory());
                }
                skipped++;
                batchesDone++;
                return false;
            }
            ParamGrads grads = null;
            try (Grads g = out.loss().backward()) {
                if (c.accumulation == 1) {
                    grads = ParamGrads.from(model, g);
                } else if (accumulator.add(model, g)) {
                    grads = accumulator.take();
                }
            }
            t = profiler.add(Phase.BACKWARD, t);
            if (grads != null) {
                optimizerStep(grads);
                stepped = true;
                t = profiler.add(Phase.OPTIMIZER, t);
            }
            context = new MetricContext(epoch, step, Evaluation.items(batch), c.optimizer.lr(0));
            try (NoGrad ng = NoGrad.enter()) {
                for (Metric<? super O> m : trainMetrics) {
                    values.put(m.name(), m.update(out, context));
                }
            }
        }
        StepEvent event = new StepEvent(epoch, batchesDone, batches, step, context.batchItems(), context.learningRate(), values);
        batchesDone++;
        for (MetricLogger logger : loggers) {
            logger.logStep(event);
        }
        plotsStale = true;
        for (Callback cb : callbacks) {
            cb.stepEnd(event);
        }
        if (printer != null) {
            printer.step(event);
        }
        profiler.add(Phase.METRICS, t);
        return stepped;
    }

    private void optimizerStep(ParamGrads grads) {
        try (grads) {
            if (!Double.isNaN(c.clipValue)) {
                GradClipping.clipValue(grads, c.clipValue);
            }
            if (!Double.isNaN(c.clipNorm)) {
                GradClipping.clipNorm(grads, c.clipNorm);
            }
            c.optimizer.step(model, grads);
        }
        step++;
        if (c.scheduler instanceof StepScheduler s && c.schedulerInterval == SchedulerInterval.STEP) {
            s.step(c.optimizer);
        }
    }

    /** Step-interval validation and checkpoints, max steps and interrupts, after an optimizer step. */
    private void afterStep() throws IOException {
        if (valid != null && c.validEvery.afterStep(step)) {
            validate();
        }
        if (c.maxSteps > 0 && step >= c.maxSteps) {
            stopReason = "max steps " + c.maxSteps + " reached";
        } else if (c.interrupter.isStopRequested()) {
            stopReason = c.interrupter.reason();
            interrupted = true;
        }
        if (stopReason != null || c.checkpointEvery.afterStep(step)) {
            save(Map.of());
        }
    }

    private void endEpoch(int batches) throws IOException {
        if (accumulator.count() > 0) {
            // Lightning's rule: the epoch's last, partial accumulation still makes a step.
            optimizerStep(accumulator.take());
        }
        EpochMetrics trainEpoch = epochMetrics(Split.TRAIN, trainMetrics);
        history = history.with(trainEpoch);
        for (MetricLogger logger : loggers) {
            logger.logEpoch(trainEpoch);
        }
        EpochMetrics validEpoch = valid != null && (c.validEvery.atEpochEnd(epoch) || c.fastDevRun) ? validate() : null;
        if (c.scheduler instanceof StepScheduler s && c.schedulerInterval == SchedulerInterval.EPOCH) {
            s.step(c.optimizer);
        } else if (c.scheduler instanceof ReduceLrOnPlateau plateau) {
            EpochMetrics monitored = validEpoch != null ? validEpoch : trainEpoch;
            plateau.step(monitored.value(c.plateauMetric).orElse(Double.NaN), c.optimizer);
        }
        for (Callback cb : callbacks) {
            cb.epochEnd(trainEpoch, validEpoch);
        }
        if (printer != null) {
            printer.epochEnd(trainEpoch, validEpoch);
        }
        plot();
        int finished = epoch;
        epoch++;
        batchesDone = 0;
        if (c.earlyStopping != null) {
            c.earlyStopping.shouldStop(history).ifPresent(reason -> stopReason = "early stopping: " + reason);
        }
        if (stopReason == null && c.interrupter.isStopRequested()) {
            stopReason = c.interrupter.reason();
            interrupted = true;
        }
        if (stopReason == null && c.maxSteps > 0 && step >= c.maxSteps) {
            stopReason = "max steps " + c.maxSteps + " reached";
        }
        if (stopReason != null || epoch == epochs || c.checkpointEvery.atEpochEnd(finished)) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            trainEpoch.values().forEach((k, v) -> metrics.put("train_" + k, v));
            if (validEpoch != null) {
                validEpoch.values().forEach((k, v) -> metrics.put("valid_" + k, v));
            }
            save(metrics);
        }
    }

    /** Runs the validation loader from its start and records the result for the current epoch. */
    private EpochMetrics validate() throws IOException {
        long t = System.nanoTime();
        for (Callback cb : callbacks) {
            cb.validationStart(epoch, step);
        }
        Evaluation.evaluate(model, valid, validMetrics, limitValid, epoch, step);
        EpochMetrics result = epochMetrics(Split.VALID, validMetrics);
        history = history.with(result);
        for (MetricLogger logger : loggers) {
            logger.logEpoch(result);
        }
        for (Callback cb : callbacks) {
            cb.validationEnd(result);
        }
        profiler.add(Phase.VALIDATION, t);
        return result;
    }

    private EpochMetrics epochMetrics(Split split, List<Metric<? super O>> metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric<? super O> m : metrics) {
            values.put(m.name(), m.value());
        }
        return new EpochMetrics(epoch, split, values);
    }

    private void save(Map<String, Double> metrics) throws IOException {
        if (checkpointer == null) {
            return;
        }
        long t = System.nanoTime();
        CheckpointContents contents = CheckpointContents.at(step, epoch).withMetrics(metrics)
                .withModule("model", model)
                .withOptimizer("optimizer", c.optimizer, c.scheduler)
                .withJson("progress", new TrainingProgress(epoch, batchesDone, step, skipped))
                .withJson("rng", RngState.capture(model))
                .withJson("loader", train.state())
                .withJson("history", history)
                .withJson("metrics", MetricStates.of(trainMetrics));
        lastCheckpoint = checkpointer.save(contents);
        for (Callback cb : callbacks) {
            cb.checkpointSaved(lastCheckpoint);
        }
        profiler.add(Phase.CHECKPOINT, t);
    }

    /**
     * Redraws the plots from the CSV log (flushed at each epoch's end, and by {@link #close()}). A failure to draw
     * (no fonts, no AWT) is reported once and turns plots off: it must not cost the run.
     */
    private void plot() {
        if (plotSource == null) {
            return;
        }
        try {
            MetricPlots.write(plotSource, c.artifactDir.resolve("plots"));
            plotsStale = false;
        } catch (IOException | RuntimeException | LinkageError | AWTError e) {
            c.out.println("plots are off for this run: " + e);
            plotSource = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close();
        }
        accumulator.close();
        IOException first = null;
        for (MetricLogger logger : loggers) {
            if (c.loggers.contains(logger)) {
                continue;
            }
            try {
                logger.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (plotsStale) {
            // a fit that stopped mid-epoch: the steps since the last epoch's plots
            plot();
        }
    }
}
