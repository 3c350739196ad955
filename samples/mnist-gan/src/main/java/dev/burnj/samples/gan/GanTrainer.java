package dev.burnj.samples.gan;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.loader.LoaderState;
import dev.burnj.nn.loss.BceLoss;
import dev.burnj.optim.Adam;
import dev.burnj.optim.AdamConfig;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.RngState;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.CheckpointContents;
import dev.burnj.train.checkpoint.Checkpointer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GAN's custom training loop (no Learner: two networks, two optimizers, two losses per step). Each step trains
 * the discriminator on a real batch and as many generated images, detached so that this update leaves the generator
 * alone, then trains the generator with the non-saturating loss {@code -log D(G(z))} through the freshly updated
 * discriminator. After each epoch {@link #fit} writes an 8×8 grid of samples from one fixed noise batch (so the
 * grids of successive epochs show the same 64 latent points) and a checkpoint of everything a resume needs: both
 * networks, both Adam states, the progress, the loader's position and the random generators.
 */
public final class GanTrainer implements AutoCloseable {
    /** Images in a sample grid, 8 by 8. */
    public static final int GRID = 64;
    private static final int SIDE = 28;

    private final GanConfig config;
    private final Device device;
    private final GanGenerator generator;
    private final GanDiscriminator discriminator;
    private final Adam generatorOptimizer;
    private final Adam discriminatorOptimizer;
    private final BceLoss bce = BceLoss.of();
    private final Dataset<LabeledImage> scaled;
    private final DataLoader<LabeledImage, ClassificationBatch<Tensor2>> loader;
    private final Tensor2 fixedNoise;
    private final Path outDir;
    private final Checkpointer checkpointer;
    private int epochsDone;
    private long step;

    /**
     * A fresh run on {@code images} (pixels in {@code [0, 1]}, 28×28 grey, as the IDX datasets load them), writing
     * grids and checkpoints under {@code outDir}, on {@code device} (which must track gradients).
     */
    public GanTrainer(GanConfig config, Dataset<LabeledImage> images, Path outDir, Device device) {
        Dataset<LabeledImage> subset = config.limit() == 0 || config.limit() >= images.size() ? images : images.range(0, config.limit());
        if (subset.size() < config.batchSize()) {
            throw new IllegalArgumentException("GanTrainer: " + subset.size() + " images are fewer than one batch of " + config.batchSize());
        }
        this.config = config;
        this.device = device;
        this.outDir = outDir;
        this.checkpointer = Checkpointer.in(outDir.resolve("checkpoints"));
        Generator.seed(config.seed());
        TensorOptions weights = TensorOptions.on(device).withGenerator(Generator.of(config.seed()));
        generator = new GanGenerator(weights);
        discriminator = new GanDiscriminator(weights);
        AdamConfig adam = AdamConfig.of().withLr(config.lr()).withBetas(config.beta1(), config.beta2());
        generatorOptimizer = adam.init();
        discriminatorOptimizer = adam.init();
        // A partial last batch would give the discriminator a smaller real than fake batch, so it is dropped.
        DataLoaderConfig batches = DataLoaderConfig.of(config.batchSize()).withShuffle(config.seed()).withDropLast(true).withName("gan-data");
        scaled = subset.map(GanTrainer::toTanhRange);
        loader = DataLoader.of(scaled, ImageBatcher.flat(), batches, device);
        fixedNoise = Tensor2.randn(Shape.of(GRID, GanGenerator.LATENT), TensorOptions.on(device).withGenerator(Generator.of(config.seed() + 1)));
    }

    public GanGenerator generator() {
        return generator;
    }

    public GanDiscriminator discriminator() {
        return discriminator;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public long step() {
        return step;
    }

    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /** Steps per epoch. */
    public int stepsPerEpoch() {
        return loader.numBatches();
    }

    /** One discriminator and one generator update on a real batch {@code [batch, 784]} in {@code [-1, 1]}. */
    @SuppressWarnings("try") // the scope frees the step's temporaries by being open; it is never referenced
    public StepStats step(Tensor2 real) {
        try (TensorScope scope = TensorScope.open()) {
            int n = real.dim(0);
            Tensor2 ones = Tensor2.ones(Shape.of(n, 1), TensorOptions.on(device));
            Tensor2 zeros = Tensor2.zeros(Shape.of(n, 1), TensorOptions.on(device));
            Tensor2 fake = generator.forward(Tensor2.randn(Shape.of(n, GanGenerator.LATENT), TensorOptions.on(device)));

            Tensor2 realScores = discriminator.forward(real);
            Tensor2 fakeScores = discriminator.forward(fake.detach());
            Tensor1 discriminatorLoss = bce.forward(realScores, ones).add(bce.forward(fakeScores, zeros));
            try (Grads grads = discriminatorLoss.backward()) {
                discriminatorOptimizer.step(discriminator, grads);
            }

            // Non-saturating: maximise log D(G(z)) rather than minimise log(1 - D(G(z))), whose gradient vanishes
            // while the discriminator easily rejects the fakes.
            Tensor1 generatorLoss = bce.forward(discriminator.forward(fake), ones);
            try (Grads grads = generatorLoss.backward()) {
                generatorOptimizer.step(generator, grads);
            }
            step++;
            return new StepStats(discriminatorLoss.item(), generatorLoss.item(), realScores.mean().item(), fakeScores.mean().item());
        }
    }

    /** Trains the rest of the current epoch; returns the mean of each statistic over its steps. */
    @SuppressWarnings("try")
    public StepStats runEpoch() {
        double dLoss = 0;
        double gLoss = 0;
        double realScore = 0;
        double fakeScore = 0;
        int steps = 0;
        Iterator<ClassificationBatch<Tensor2>> batches = loader.iterator();
        while (batches.hasNext()) {
            try (TensorScope scope = TensorScope.open()) {
                StepStats s = step(batches.next().inputs());
                dLoss += s.discriminatorLoss();
                gLoss += s.generatorLoss();
                realScore += s.realScore();
                fakeScore += s.fakeScore();
                steps++;
            }
        }
        epochsDone++;
        return new StepStats(dLoss / steps, gLoss / steps, realScore / steps, fakeScore / steps);
    }

    /** Images {@code [n][784]} in {@code [-1, 1]} generated from {@code noise [n, 100]}, without tracking gradients. */
    @SuppressWarnings("try")
    public float[][] generate(Tensor2 noise) {
        try (NoGrad ignored = NoGrad.enter(); Tensor2 images = generator.forward(noise)) {
            return rows(images);
        }
    }

    /** {@code n} images from noise drawn from {@code seed} (the same seed gives the same noise, run after run). */
    public float[][] generate(int n, long seed) {
        try (Tensor2 noise = Tensor2.randn(Shape.of(n, GanGenerator.LATENT), TensorOptions.on(device).withGenerator(Generator.of(seed)))) {
            return generate(noise);
        }
    }

    /** The images of the fixed sample noise. */
    public float[][] fixedSamples() {
        return generate(fixedNoise);
    }

    /** Writes the fixed samples as an 8×8 PNG grid to {@code file}. */
    public void writeGrid(Path file) throws IOException {
        ImageGrid.write(fixedSamples(), SIDE, 8, file);
    }

    /** Loads the newest checkpoint, if there is one; returns whether it did. */
    public boolean resume() throws IOException {
        Optional<Checkpoint> latest = checkpointer.latest();
        if (latest.isEmpty()) {
            return false;
        }
        Checkpoint from = latest.get();
        from.loadModule("generator", generator);
        from.loadModule("discriminator", discriminator);
        from.loadOptimizer("generator_optimizer", generatorOptimizer, null);
        from.loadOptimizer("discriminator_optimizer", discriminatorOptimizer, null);
        GanProgress progress = from.readJson("progress", GanProgress.class);
        loader.restore(from.readJson("loader", LoaderState.class));
        // The training noise comes from the global generator; the networks themselves draw no random numbers.
        from.readJson("rng", RngState.class).restore(generator);
        epochsDone = progress.epochsDone();
        step = progress.step();
        return true;
    }

    /** Writes a checkpoint of the current state, with {@code metrics} for retention policies and inspection. */
    public Checkpoint save(Map<String, Double> metrics) throws IOException {
        CheckpointContents contents = CheckpointContents.at(step, epochsDone).withMetrics(metrics)
                .withModule("generator", generator)
                .withModule("discriminator", discriminator)
                .withOptimizer("generator_optimizer", generatorOptimizer, null)
                .withOptimizer("discriminator_optimizer", discriminatorOptimizer, null)
                .withJson("progress", new GanProgress(epochsDone, step))
                .withJson("loader", loader.state())
                .withJson("rng", RngState.capture(generator))
                .withJson("config", config);
        return checkpointer.save(contents);
    }

    /**
     * Trains until {@link GanConfig#epochs()} epochs are done, printing one line per epoch to {@code out}; after each
     * epoch writes {@code samples/epoch-NNN.png} and a checkpoint. With {@code resume} it continues from the newest
     * checkpoint; without, it refuses an output directory that already holds one, rather than mixing two runs. The
     * quality is measured before the first epoch and after each: {@code quality}'s report of
     * {@link SampleQuality#SAMPLES} samples, always from the same noise, whose measures go into the epoch line
     * ({@link QualityReport#summary()}) and the checkpoint's metrics ({@link QualityReport#metrics()}).
     */
    public void fit(boolean resume, PrintStream out, SampleQuality quality) throws IOException {
        if (resume) {
            if (resume()) {
                out.printf("resumed after epoch %d (step %d) from %s%n", epochsDone, step, checkpointer.directory());
            }
        } else if (!checkpointer.list().isEmpty()) {
            throw new IllegalStateException(checkpointer.directory() + " already holds checkpoints of a run; continue it with --resume or "
                    + "choose another output directory");
        }
        out.printf("epoch %d: %s%n", epochsDone, qualitySamples(quality).summary());
        while (epochsDone < config.epochs()) {
            long started = System.nanoTime();
            StepStats s = runEpoch();
            Path grid = outDir.resolve("samples").resolve(String.format("epoch-%03d.png", epochsDone));
            writeGrid(grid);
            Map<String, Double> losses = new LinkedHashMap<>();
            losses.put("d_loss", s.discriminatorLoss());
            losses.put("g_loss", s.generatorLoss());
            losses.put("d_real", s.realScore());
            losses.put("d_fake", s.fakeScore());
            QualityReport report = qualitySamples(quality);
            Map<String, Double> metrics = new LinkedHashMap<>(losses);
            metrics.putAll(report.metrics());
            save(metrics);
            out.printf("epoch %d/%d step %d: %s %s, %s (%.1f s)%n", epochsDone, config.epochs(), step, format(losses), report.summary(), grid,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * {@link #fit(boolean, PrintStream, SampleQuality)} with the pooled-pixel distance only, to the first
     * {@link SampleQuality#SAMPLES} training images.
     */
    public void fit(boolean resume, PrintStream out) throws IOException {
        fit(resume, out, SampleQuality.against(realImages(SampleQuality.SAMPLES), null));
    }

    /** The report of the current generator's {@link SampleQuality#SAMPLES} quality samples. */
    private QualityReport qualitySamples(SampleQuality quality) {
        // The same noise every time, so that the measures of successive epochs differ by the generator only.
        return quality.measure(generate(SampleQuality.SAMPLES, config.seed() + 2));
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((name, value) -> sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(String.format("%.4f", value)));
        return sb.toString();
    }

    /** The first {@code n} training images in {@code [-1, 1]}, in dataset order (fewer if the data has fewer). */
    public float[][] realImages(int n) {
        return firstPixels(scaled, n);
    }

    /**
     * The first {@code n} of {@code images} (pixels in {@code [0, 1]}) in the generator's range {@code [-1, 1]}, in
     * dataset order (fewer if there are fewer): real images to measure samples against.
     */
    public static float[][] tanhImages(Dataset<LabeledImage> images, int n) {
        return firstPixels(images.map(GanTrainer::toTanhRange), n);
    }

    private static float[][] firstPixels(Dataset<LabeledImage> images, int n) {
        int count = Math.min(n, images.size());
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = images.get(i).pixels();
        }
        return out;
    }

    @Override
    public void close() {
        loader.close();
        fixedNoise.close();
        generatorOptimizer.close();
        discriminatorOptimizer.close();
        generator.close();
        discriminator.close();
    }

    /** Pixels from {@code [0, 1]} to the generator's tanh range {@code [-1, 1]}. */
    static LabeledImage toTanhRange(LabeledImage image) {
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * 2 - 1;
        }
        return image.withPixels(out);
    }

    private static float[][] rows(Tensor2 images) {
        float[] flat = images.toFloatArray();
        int n = images.dim(0);
        int width = images.dim(1);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }
}
