package dev.burnj.cli.task;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.nn.Module;
import dev.burnj.optim.Optimizer;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.train.Callback;
import dev.burnj.train.Evaluation;
import dev.burnj.train.FitResult;
import dev.burnj.train.Learner;
import dev.burnj.train.LearnerBuilder;
import dev.burnj.train.Split;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.metric.LossInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A task with its resolved hyper-parameters, ready to train or evaluate: the part of {@code burnj train} and
 * {@code burnj eval} that does not depend on the command line, so that a program can run a task the way the CLI does.
 */
public final class TaskRun<C extends TaskConfig, M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch,
        O extends LossInput> {
    private final TrainingTask<C, M, B, O> task;
    private final C config;

    private TaskRun(TrainingTask<C, M, B, O> task, C config) {
        this.task = task;
        this.config = config;
    }

    /**
     * {@code task} with its defaults and {@code overrides} applied.
     *
     * @throws ConfigException if an override does not apply
     */
    public static <C extends TaskConfig, M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch, O extends LossInput>
            TaskRun<C, M, B, O> of(TrainingTask<C, M, B, O> task, ConfigOverrides overrides) {
        return new TaskRun<>(task, TaskConfigs.resolve(task.name(), task.defaults(), overrides));
    }

    public TrainingTask<C, M, B, O> task() {
        return task;
    }

    public C config() {
        return config;
    }

    /**
     * Trains: the task's model, optimizer, loaders, metrics and options, then the run's epochs, seed, artifact
     * directory, step limit, resume and interrupter from {@code context}. Once the Learner has accepted the artifact
     * directory (it refuses one that holds another run's checkpoints) and resumed if asked, {@link RunRecord} writes
     * {@code run.json} there. Unless interrupted, the trained model is then scored once on the task's
     * {@link Split#TEST} loader, if it has one, printing {@code test_<metric>=<value>} lines.
     */
    public FitResult<M> train(TaskContext context) {
        M model = task.model(config, context);
        Optimizer optimizer = task.optimizer(config, model, context);
        LearnerBuilder<M, B, O> builder = Learner.builder(model, optimizer).epochs(config.epochs());
        task.metrics(config).forEach(builder::metric);
        task.configure(builder, config, context);
        builder.seed(context.seed())
                .artifactDir(context.outputDir())
                .interrupter(context.interrupter())
                .output(context.out())
                .devices(context.device())
                .callback(new Callback() {
                    @Override
                    public void fitStart(int startEpoch, long startStep) {
                        try {
                            RunRecord.of(TaskRun.this).write(context.outputDir());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        if (context.maxSteps() > 0) {
            builder.maxSteps(context.maxSteps());
        }
        if (context.resume()) {
            context.resumeFrom().ifPresentOrElse(builder::resumeFrom, () -> builder.resume(true));
        }
        Learner<M, B, O> learner = builder.build();
        FitResult<M> result;
        try (DataLoader<?, B> train = loader(Split.TRAIN, context);
                DataLoader<?, B> valid = task.loader(config, Split.VALID, context).orElse(null)) {
            result = learner.fit(train, valid);
        }
        if (!result.interrupted()) {
            Optional<DataLoader<?, B>> test = task.loader(config, Split.TEST, context);
            if (test.isPresent()) {
                try (DataLoader<?, B> loader = test.get()) {
                    // One line per metric that a script can read: test_accuracy=0.9123
                    learner.evaluate(loader, Split.TEST).values()
                            .forEach((name, value) -> context.out().printf(Locale.ROOT, "test_%s=%.4f%n", name, value));
                }
            }
        }
        return result;
    }

    /**
     * The loss and the task's metrics on the {@link Split#TEST} loader, with the {@code model} part of
     * {@code checkpoint} loaded into a fresh model, in evaluation mode.
     */
    public Map<String, Double> evaluate(Checkpoint checkpoint, TaskContext context) throws IOException {
        M model = task.model(config, context);
        checkpoint.loadModule("model", model);
        try (DataLoader<?, B> test = loader(Split.TEST, context)) {
            return Evaluation.evaluate(model, test, Evaluation.metricsWithLoss(task.metrics(config)), Integer.MAX_VALUE, checkpoint.epoch(),
                    checkpoint.step());
        }
    }

    private DataLoader<?, B> loader(Split split, TaskContext context) {
        return task.loader(config, split, context).orElseThrow(() -> new IllegalStateException("task '" + task.name() + "' has no "
                + split.label() + " split"));
    }

}
