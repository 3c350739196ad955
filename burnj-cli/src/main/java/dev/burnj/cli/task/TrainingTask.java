package dev.burnj.cli.task;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.optim.Optimizer;
import dev.burnj.train.LearnerBuilder;
import dev.burnj.train.Split;
import dev.burnj.train.TrainStep;
import dev.burnj.train.ValidStep;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.Metric;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A named training recipe that {@code burnj train NAME} runs: its hyper-parameters with defaults, and how to build the
 * model, the optimizer and the data loaders from them. Found with {@link java.util.ServiceLoader}: a jar that lists
 * its implementation in {@code META-INF/services/dev.burnj.cli.task.TrainingTask} adds a task to the CLI.
 *
 * <p>The CLI owns the run: it resolves the configuration (defaults, {@code --config}, {@code --set}, typed flags),
 * builds a {@link dev.burnj.train.Learner} with the loss and {@link #metrics} metrics and {@link TaskConfig#epochs()},
 * lets {@link #configure} add the task's options (scheduler, clipping, ...), and then applies the run's seed, artifact
 * directory, step limit, resume and interrupter, which a task cannot override. {@code burnj eval} builds the model,
 * loads a checkpoint's {@code model} part and computes the same metrics on the {@link Split#TEST} loader.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: {@code burnj tasks} creates
 * every task to list it. Each method may be called more than once per process.
 *
 * @param <C> the hyper-parameter record
 * @param <M> the model
 * @param <B> the batch type of the loaders
 * @param <O> the output of a train or valid step
 */
public interface TrainingTask<C extends TaskConfig, M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch,
        O extends LossInput> {
    /** The name users type: lower-case letters, digits and dashes, e.g. {@code fashion-mnist-mlp}. */
    String name();

    /** One line saying what the task trains on what data. */
    String description();

    /** The default hyper-parameters. */
    C defaults();

    /** A freshly initialised model on {@code context.device()} (see {@link TaskContext#tensorOptions()}). */
    M model(C config, TaskContext context);

    /** The optimizer for {@code model}. */
    Optimizer optimizer(C config, M model, TaskContext context);

    /**
     * The loader of {@code split}, or empty if the task has none. {@link Split#TRAIN} is required by {@code train},
     * {@link Split#TEST} by {@code eval}; without {@link Split#VALID} training runs without validation. The caller
     * closes the loader.
     */
    Optional<DataLoader<?, B>> loader(C config, Split split, TaskContext context);

    /** Metrics besides the loss, reported in training, validation and evaluation (default none). */
    default List<Supplier<? extends Metric<? super O>>> metrics(C config) {
        return List.of();
    }

    /** Task-specific Learner options: a scheduler, clipping, accumulation, callbacks, early stopping (default none). */
    default void configure(LearnerBuilder<M, B, O> builder, C config, TaskContext context) {}
}
