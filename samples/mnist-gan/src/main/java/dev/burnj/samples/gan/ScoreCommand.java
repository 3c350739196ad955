package dev.burnj.samples.gan;

import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.tensor.Device;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mnist-gan score FILE}: the quality report of images generated elsewhere (by the PyTorch reference, say),
 * read from a safetensors file ({@link SampleImages}), against the first {@link SampleQuality#SAMPLES} Fashion-MNIST
 * test images: a readable table, then one {@code score name=value ...} line for scripts.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores generated images (a float32 [n, 784] safetensors tensor in [-1, 1]) against the first 2000 Fashion-MNIST "
                + "test images with a fashion-mnist-cnn classifier: Frechet distances, confident fraction, class histogram.")
final class ScoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a safetensors file of generated images")
    Path file;

    @Option(names = "--fid-classifier", required = true, description = "a fashion-mnist-cnn run (burnj train fashion-mnist-cnn --out DIR) "
            + "or checkpoint directory")
    Path classifier;

    @Option(names = "--tensor", description = "the tensor holding the images (default: ${DEFAULT-VALUE})")
    String tensor = SampleImages.DEFAULT_TENSOR;

    private final PrintStream stdout;

    ScoreCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        float[][] images = SampleImages.read(file, tensor);
        float[][] real = GanTrainer.tanhImages(FashionMnistDataset.test(), SampleQuality.SAMPLES);
        try (ClassifierFeatures features = ClassifierFeatures.load(classifier, Device.defaultDevice())) {
            QualityReport report = SampleQuality.against(real, features).measure(images);
            stdout.printf("%s, tensor '%s', against the first %d Fashion-MNIST test images:%n", file, tensor, real.length);
            stdout.print(report.table());
            stdout.println("score " + report.line());
        }
        return 0;
    }
}
