package dev.burnj.bench.workload;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.nn.Module;
import dev.burnj.optim.Adam;
import dev.burnj.optim.AdamConfig;
import dev.burnj.random.Generator;
import dev.burnj.tensor.BaseTensor;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.ClassificationOutput;
import dev.burnj.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * W1 and W2: one epoch of a Fashion-MNIST classifier (all 60 000 training images, shuffled, batch 64, Adam 1e-3),
 * timed from the first step to the last loss read back; the value is training samples per second. Every run starts
 * from the same freshly initialised network; after it, the network scores the 10 000 test images (untimed).
 */
final class ClassifierEpoch<X extends BaseTensor<X, ?, ?, ?>, M extends Module & TrainStep<ClassificationBatch<X>, ClassificationOutput>>
        implements Workload {
    static final int BATCH = 64;
    private static final int WARM_UP_STEPS = 30;

    private final String id;
    private final String title;
    private final Function<TensorOptions, M> network;
    private final Batcher<LabeledImage, ClassificationBatch<X>> batcher;

    ClassifierEpoch(String id, String title, Function<TensorOptions, M> network, Batcher<LabeledImage, ClassificationBatch<X>> batcher) {
        this.id = id;
        this.title = title;
        this.network = network;
        this.batcher = batcher;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String unit() {
        return "samples/s";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public List<Measurement> run(WorkloadContext context, int warmUps, int runs) {
        Device device = context.device().autodiff();
        Dataset<LabeledImage> train = FashionMnistDataset.normalized(FashionMnistDataset.train());
        Dataset<LabeledImage> test = FashionMnistDataset.normalized(FashionMnistDataset.test());
        try (PreBatched<ClassificationBatch<X>> trainBatches = PreBatched.of(train, batcher, BATCH, true, context.seed(), device);
                PreBatched<ClassificationBatch<X>> testBatches = PreBatched.of(test, batcher, 1000, false, 0, device)) {
            int steps = context.steps(trainBatches.batches().size());
            for (int i = 0; i < warmUps; i++) {
                try (M model = network.apply(options(context, device))) {
                    trainOn(model, trainBatches.first(Math.min(steps, WARM_UP_STEPS)));
                }
            }
            List<Measurement> out = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                try (M model = network.apply(options(context, device))) {
                    List<ClassificationBatch<X>> batches = trainBatches.first(steps);
                    long start = System.nanoTime();
                    trainOn(model, batches);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    out.add(new Measurement(items(batches) / seconds, Map.of("test_accuracy", accuracy(model, testBatches.batches()))));
                }
            }
            return out;
        }
    }

    private static TensorOptions options(WorkloadContext context, Device device) {
        return TensorOptions.on(device).withGenerator(Generator.of(context.seed()));
    }

    /** Trains on {@code batches} in order and reads the last loss back, so that a deferred backend has finished. */
    private static <X extends BaseTensor<X, ?, ?, ?>, M extends Module & TrainStep<ClassificationBatch<X>, ClassificationOutput>> void trainOn(
            M model, List<ClassificationBatch<X>> batches) {
        model.train();
        try (Adam adam = AdamConfig.of().withLr(1e-3).init()) {
            double last = Double.NaN;
            for (int i = 0; i < batches.size(); i++) {
                try (TensorScope scope = TensorScope.open()) {
                    ClassificationOutput out = model.trainStep(batches.get(i));
                    try (Grads grads = out.loss().backward()) {
                        adam.step(model, grads);
                    }
                    if (i == batches.size() - 1) {
                        last = out.loss().item();
                    }
                }
            }
            if (!Double.isFinite(last)) {
                throw new IllegalStateException("training diverged: last loss " + last);
            }
        }
    }

    private static <X extends BaseTensor<X, ?, ?, ?>, M extends Module & TrainStep<ClassificationBatch<X>, ClassificationOutput>> double accuracy(
            M model, List<ClassificationBatch<X>> batches) {
        model.eval();
        long correct = 0;
        try (NoGrad noGrad = NoGrad.enter()) {
            for (ClassificationBatch<X> batch : batches) {
                try (TensorScope scope = TensorScope.open()) {
                    ClassificationOutput out = model.trainStep(batch);
                    int[] predicted = out.scores().argmax(1).toIntArray();
                    int[] targets = out.targets().toIntArray();
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == targets[i] ? 1 : 0;
                    }
                }
            }
        }
        return (double) correct / items(batches);
    }

    private static long items(List<? extends ClassificationBatch<?>> batches) {
        long n = 0;
        for (ClassificationBatch<?> batch : batches) {
            n += batch.targets().dim(0);
        }
        return n;
    }
}
