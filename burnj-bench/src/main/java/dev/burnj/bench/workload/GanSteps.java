package dev.burnj.bench.workload;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.transform.Normalize;
import dev.burnj.nn.loss.BceLoss;
import dev.burnj.optim.Adam;
import dev.burnj.optim.AdamConfig;
import dev.burnj.random.Generator;
import dev.burnj.samples.gan.GanDiscriminator;
import dev.burnj.samples.gan.GanGenerator;
import dev.burnj.tensor.BaseTensor;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.List;

/**
 * W3: training steps of the samples/mnist-gan networks, batch 64, each a discriminator step on 128 rows (64 real
 * images with target 1 and 64 detached generated ones with target 0, in one forward pass) followed by a
 * non-saturating generator step, both with Adam 2e-4 (betas 0.5, 0.999); 300 steps, reported in ms per step.
 * The noise is drawn inside the timed region, as it is in a real loop.
 */
final class GanSteps implements Workload {
    private static final int BATCH = 64;
    private static final int STEPS = 300;
    private static final int WARM_UP_STEPS = 30;

    @Override
    public String id() {
        return "W3";
    }

    @Override
    public String title() {
        return "GAN step (D on 64 real + 64 fake, then G)";
    }

    @Override
    public String unit() {
        return "ms/step";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public List<Measurement> run(WorkloadContext context, int warmUps, int runs) {
        Device device = context.device().autodiff();
        // Pixels from [0, 1] to the generator's tanh range [-1, 1].
        Dataset<LabeledImage> images = FashionMnistDataset.train().map(Normalize.of(0.5f, 0.5f));
        int steps = context.steps(STEPS);
        try (PreBatched<ClassificationBatch<Tensor2>> real = PreBatched.of(images.range(0, steps * BATCH), ImageBatcher.flat(), BATCH, true,
                context.seed(), device)) {
            return TimedRuns.of(warmUps, () -> train(context, device, real.first(Math.min(steps, WARM_UP_STEPS))), runs,
                    () -> train(context, device, real.batches()), nanos -> nanos / 1e6 / real.batches().size());
        }
    }

    /** The discriminator's targets {@code [128, 1]}: 1 for the 64 real rows, then 0 for the 64 generated ones. */
    private static Tensor2 realThenFake(Device device) {
        try (TensorScope scope = TensorScope.open()) {
            TensorOptions on = TensorOptions.on(device);
            return scope.keep(BaseTensor.cat(List.of(Tensor2.ones(Shape.of(BATCH, 1), on), Tensor2.zeros(Shape.of(BATCH, 1), on)), 0));
        }
    }

    /** Fresh networks and optimizers, one GAN step per batch; reads the last losses back. */
    private static void train(WorkloadContext context, Device device, List<ClassificationBatch<Tensor2>> batches) {
        TensorOptions weights = TensorOptions.on(device).withGenerator(Generator.of(context.seed()));
        TensorOptions noise = TensorOptions.on(device).withGenerator(Generator.of(context.seed() + 1));
        BceLoss bce = BceLoss.of();
        AdamConfig adam = AdamConfig.of().withLr(2e-4).withBetas(0.5, 0.999);
        try (GanGenerator g = new GanGenerator(weights); GanDiscriminator d = new GanDiscriminator(weights);
                Adam gOptimizer = adam.init(); Adam dOptimizer = adam.init();
                Tensor2 realAndFakeTargets = realThenFake(device);
                Tensor2 fakeAsReal = Tensor2.ones(Shape.of(BATCH, 1), TensorOptions.on(device))) {
            g.train();
            d.train();
            double last = Double.NaN;
            for (int i = 0; i < batches.size(); i++) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor2 realImages = batches.get(i).inputs();
                    Tensor2 fake = g.forward(Tensor2.randn(Shape.of(BATCH, GanGenerator.LATENT), noise));
                    Tensor1 dLoss = bce.forward(d.forward(BaseTensor.cat(List.of(realImages, fake.detach()), 0)), realAndFakeTargets);
                    try (Grads grads = dLoss.backward()) {
                        dOptimizer.step(d, grads);
                    }
                    Tensor1 gLoss = bce.forward(d.forward(fake), fakeAsReal);
                    try (Grads grads = gLoss.backward()) {
                        gOptimizer.step(g, grads);
                    }
                    if (i == batches.size() - 1) {
                        last = dLoss.item() + gLoss.item();
                    }
                }
            }
            if (!Double.isFinite(last)) {
                throw new IllegalStateException("GAN training diverged: last losses sum to " + last);
            }
        }
    }
}
