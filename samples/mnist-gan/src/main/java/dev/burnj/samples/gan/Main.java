package dev.burnj.samples.gan;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.MnistDataset;
import dev.burnj.tensor.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sample's command line: trains the GAN and writes sample grids and checkpoints into the output directory; its
 * {@code score} subcommand ({@link ScoreCommand}) reports the quality of images generated elsewhere.
 */
@Command(name = "mnist-gan", mixinStandardHelpOptions = true,
        description = "Trains a fully connected GAN on 28x28 MNIST-format images (Fashion-MNIST by default) with burnj.")
public final class Main implements Callable<Integer> {
    @Option(names = "--epochs", description = "passes over the training images (default: ${DEFAULT-VALUE})")
    int epochs = 30;

    @Option(names = "--batch-size", description = "real images per step (default: ${DEFAULT-VALUE})")
    int batchSize = 64;

    @Option(names = "--lr", description = "Adam learning rate of both networks (default: ${DEFAULT-VALUE})")
    double lr = 2e-4;

    @Option(names = "--seed", description = "seed of weights, noise and shuffling (default: ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--limit", description = "train on the first N images only; 0 for all (default: ${DEFAULT-VALUE})")
    int limit = 0;

    @Option(names = "--data-dir", description = "a directory with MNIST IDX files (train-images-idx3-ubyte[.gz], "
            + "train-labels-idx1-ubyte[.gz], and t10k-* for the quality reference); default: Fashion-MNIST from BURNJ_DATA, ~/.burnj/data or /usr/share/datasets")
    Path dataDir;

    @Option(names = "--out", description = "output directory for samples/ and checkpoints/ (default: ${DEFAULT-VALUE})")
    Path out = Path.of("runs/gan");

    @Option(names = "--fid-classifier", description = "a fashion-mnist-cnn run (burnj train fashion-mnist-cnn --out DIR) or checkpoint "
            + "directory: also measure the Frechet distance on its 128-d penultimate features, the fraction of samples it classifies "
            + "with confidence >= 0.9 and the class histogram")
    Path fidClassifier;

    @Option(names = "--resume", description = "continue from the newest checkpoint in the output directory")
    boolean resume;

    private final PrintStream stdout;

    Main(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        CommandLine cli = new CommandLine(new Main(stdout)).addSubcommand("score", new ScoreCommand(stdout));
        // Bad input (a wrong file, a missing dataset, a used output directory) gets its message, not a stack trace.
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof IOException
                    || e instanceof DataNotFoundException) {
                command.getErr().println(command.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        GanConfig config = GanConfig.of().withEpochs(epochs).withBatchSize(batchSize).withLr(lr).withSeed(seed).withLimit(limit);
        Dataset<LabeledImage> images = dataDir == null ? FashionMnistDataset.train() : MnistDataset.train(dataDir);
        // Held-out images as the quality reference, the same ones the score command uses.
        float[][] reference = GanTrainer.tanhImages(dataDir == null ? FashionMnistDataset.test() : MnistDataset.test(dataDir), SampleQuality.SAMPLES);
        stdout.printf("training on %d %s images for %d epochs; samples and checkpoints go to %s%n",
                limit == 0 ? images.size() : Math.min(limit, images.size()), dataDir == null ? "Fashion-MNIST" : dataDir.toString(), epochs,
                out.toAbsolutePath());
        Device device = Device.defaultDevice().autodiff();
        try (ClassifierFeatures classifier = fidClassifier == null ? null : ClassifierFeatures.load(fidClassifier, device);
                GanTrainer trainer = new GanTrainer(config, images, out, device)) {
            trainer.fit(resume, stdout, SampleQuality.against(reference, classifier));
        }
        return 0;
    }
}
