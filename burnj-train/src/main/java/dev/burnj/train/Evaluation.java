package dev.burnj.train;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.LoaderState;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.nn.Module;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.metric.LossInput;
import dev.burnj.train.metric.LossMetric;
import dev.burnj.train.metric.Metric;
import dev.burnj.train.metric.MetricContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a model's {@link ValidStep} over a loader in eval mode without gradients (Burn's {@code Evaluator}): the
 * Learner's validation, {@code Learner.evaluate} and {@code Learner.predict} share it. Each batch runs inside its own
 * scope, so nothing outlives it but what the caller extracts.
 */
public final class Evaluation {
    private Evaluation() {}

    /** The loss metric then one metric of each other name from {@code suppliers}, fresh instances, as the Learner reports them. */
    public static <O extends LossInput> List<Metric<? super O>> metricsWithLoss(List<? extends Supplier<? extends Metric<? super O>>> suppliers) {
        List<Metric<? super O>> out = new ArrayList<>();
        out.add(LossMetric.of());
        for (Supplier<? extends Metric<? super O>> s : suppliers) {
            Metric<? super O> m = s.get();
            if (out.stream().noneMatch(existing -> existing.name().equals(m.name()))) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Resets {@code metrics}, runs at most {@code maxBatches} batches of {@code loader} from its start through
     * {@code model}, and returns the metric values by name. The model's training mode is restored afterwards.
     */
    public static <M extends Module & ValidStep<B, O>, B extends TensorBatch, O> Map<String, Double> evaluate(M model, DataLoader<?, B> loader,
            List<? extends Metric<? super O>> metrics, int maxBatches, int epoch, long step) {
        metrics.forEach(Metric::reset);
        forEachOutput(model, loader, maxBatches, (batch, out) -> {
            MetricContext context = new MetricContext(epoch, step, items(batch), Double.NaN);
            for (Metric<? super O> m : metrics) {
                m.update(out, context);
            }
            return null;
        });
        Map<String, Double> values = new LinkedHashMap<>();
        metrics.forEach(m -> values.put(m.name(), m.value()));
        return values;
    }

    /** What {@code extract} makes of each batch's output (host values: the output's tensors are freed after each batch). */
    public static <M extends Module & ValidStep<B, O>, B extends TensorBatch, O, R> List<R> predict(M model, DataLoader<?, B> loader,
            Function<? super O, ? extends R> extract) {
        List<R> out = new ArrayList<>();
        forEachOutput(model, loader, Integer.MAX_VALUE, (batch, o) -> {
            out.add(extract.apply(o));
            return null;
        });
        return out;
    }

    /** Receives one batch and the model's output for it. */
    @FunctionalInterface
    private interface BatchSink<B, O> {
        Void accept(B batch, O output);
    }

    private static <M extends Module & ValidStep<B, O>, B extends TensorBatch, O> void forEachOutput(M model, DataLoader<?, B> loader,
            int maxBatches, BatchSink<B, O> sink) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (NoGrad ng = NoGrad.enter()) {
            moveTo(loader, 0, 0);
            int batches = Math.min(loader.numBatches(), maxBatches);
            int done = 0;
            for (Iterator<B> it = loader.iterator(); done < batches && it.hasNext(); done++) {
                try (TensorScope scope = TensorScope.open()) {
                    B batch = it.next();
                    sink.accept(batch, model.validStep(batch));
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    /** Positions {@code loader} at batch {@code position} of {@code epoch}. */
    static void moveTo(DataLoader<?, ?> loader, int epoch, int position) {
        LoaderState s = loader.state();
        if (s.epoch() != epoch || s.position() != position) {
            loader.restore(new LoaderState(epoch, position, s.seed(), s.shuffle(), s.datasetSize(), s.batchSize(), s.dropLast(), s.rank(),
                    s.worldSize()));
        }
    }

    /** The batch size: the leading dimension of the batch's first tensor (batches are batch-first). */
    static int items(TensorBatch batch) {
        return batch.tensors().isEmpty() ? 0 : batch.tensors().get(0).dim(0);
    }
}
