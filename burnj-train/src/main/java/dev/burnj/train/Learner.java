package dev.burnj.train;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.optim.Optimizer;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Trains a model: the epoch loop with metrics, validation, gradient accumulation and clipping, LR scheduling,
 * checkpoints with exact resume, early stopping, interrupts, logging and a profile (Burn's {@code Learner},
 * Lightning's {@code Trainer}). The model implements {@link TrainStep} and {@link ValidStep}; build a learner with
 * {@link #builder}:
 *
 * <pre>{@code
 * Learner<Mlp, ClassificationBatch<Tensor2>, ClassificationOutput> learner = Learner.builder(model, AdamConfig.of().init())
 *         .metric(AccuracyMetric::of)
 *         .epochs(10)
 *         .artifactDir(Path.of("runs/mlp"))
 *         .build();
 * FitResult<Mlp> result = learner.fit(trainLoader, validLoader);
 * }</pre>
 *
 * <p>A learner runs one {@code fit} at a time on the calling thread.
 */
public final class Learner<M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch, O extends LossInput> {
    private final LearnerBuilder<M, B, O> config;

    Learner(LearnerBuilder<M, B, O> config) {
        this.config = config;
    }

    /** A builder for training {@code model} with {@code optimizer}. */
    public static <M extends Module & TrainStep<B, O> & ValidStep<B, O>, B extends TensorBatch, O extends LossInput> LearnerBuilder<M, B, O> builder(
            M model, Optimizer optimizer) {
        return new LearnerBuilder<>(model, optimizer);
    }

    public M model() {
        return config.model;
    }

    /**
     * The loss and the configured metrics of the model on {@code loader} (all of it), in eval mode without gradients,
     * labelled {@code split} (usually {@link Split#TEST}).
     */
    public EpochMetrics evaluate(DataLoader<?, B> loader, Split split) {
        List<Metric<? super O>> metrics = Evaluation.metricsWithLoss(config.metrics);
        return new EpochMetrics(0, split, Evaluation.evaluate(config.model, loader, metrics, Integer.MAX_VALUE, 0, 0));
    }

    /**
     * Runs the model over {@code loader} in eval mode without gradients and returns what {@code extract} makes of each
     * batch's output, e.g. {@code out -> out.scores().argmax(1).toIntArray()}; the outputs' tensors are freed after
     * each batch.
     */
    public <R> List<R> predict(DataLoader<?, B> loader, Function<? super O, ? extends R> extract) {
        return Evaluation.predict(config.model, loader, extract);
    }

    /**
     * Trains on {@code train}, validating on {@code valid} (null for none), and returns the trained model with its
     * history. Resumes first when configured to. Loaders stay open; the caller closes them.
     *
     * @throws NonFiniteLossException if a loss is NaN or infinite under {@link NonFiniteLossPolicy#STOP}
     * @throws UncheckedIOException if a checkpoint or log cannot be written or read
     */
    public FitResult<M> fit(DataLoader<?, B> train, DataLoader<?, B> valid) {
        try (FitLoop<M, B, O> loop = new FitLoop<>(config, train, valid)) {
            return loop.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
