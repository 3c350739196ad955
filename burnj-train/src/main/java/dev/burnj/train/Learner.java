package dev.burnj.train;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.optim.Optimizer;
import dev.burnj.train.metric.LossInput;
import java.io.IOException;
import java.io.UncheckedIOException;

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
