package dev.burnj.samples.gan;

import dev.burnj.cli.fashion.FashionMnistCnn;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.Checkpointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Features for the Fréchet distance from the built-in {@code fashion-mnist-cnn} classifier: its 128-d penultimate
 * ReLU layer ({@link FashionMnistCnn#features}), the role Inception-v3's pool layer plays in the FID; and its class
 * probabilities, which show how recognisable and how varied a set of generated images is. The classifier
 * is expected to have been trained with the task's default normalisation (Fashion-MNIST mean and standard
 * deviation), which is applied here to the generator's {@code [-1, 1]} images.
 */
public final class ClassifierFeatures implements AutoCloseable {
    /** The Fashion-MNIST class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");
    private static final int BATCH = 500;
    private static final int SIDE = 28;

    private final FashionMnistCnn classifier;
    private final Device device;

    /** Features from {@code classifier}, which this object then owns and closes. */
    public ClassifierFeatures(FashionMnistCnn classifier, Device device) {
        this.classifier = classifier;
        this.device = device;
    }

    /**
     * The classifier of a {@code burnj train fashion-mnist-cnn} run: {@code path} is a checkpoint directory or the
     * run's output directory (then its newest checkpoint).
     */
    public static ClassifierFeatures load(Path path, Device device) throws IOException {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(path);
        } catch (IOException e) {
            Path runCheckpoints = path.resolve("checkpoints");
            checkpoint = Checkpointer.in(runCheckpoints).latest().orElseThrow(() -> new IOException("ClassifierFeatures: " + path
                    + " is neither a checkpoint nor a run directory with one in checkpoints/ (" + e.getMessage() + ")"));
        }
        FashionMnistCnn classifier = new FashionMnistCnn(TensorOptions.on(device));
        try {
            checkpoint.loadModule("model", classifier);
        } catch (IOException | RuntimeException e) {
            classifier.close();
            throw e;
        }
        return new ClassifierFeatures(classifier, device);
    }

    /**
     * What the classifier sees in a set of images, one row per image.
     *
     * @param features the 128 penultimate features of each image
     * @param probabilities the softmax of its 10 logits, in the order of {@link #CLASS_NAMES}
     */
    public record Classified(double[][] features, double[][] probabilities) {
        public Classified {
            if (features.length != probabilities.length) {
                throw new IllegalArgumentException("ClassifierFeatures.Classified: " + features.length + " feature rows but "
                        + probabilities.length + " probability rows");
            }
        }
    }

    /** The 128 features of each image, given as 784 pixels in {@code [-1, 1]}. */
    public double[][] features(float[][] images) {
        return classify(images).features();
    }

    /**
     * The features and class probabilities of each image, given as 784 pixels in {@code [-1, 1]}, from one pass
     * through the network.
     */
    @SuppressWarnings("try") // the no-grad guard acts by being open
    public Classified classify(float[][] images) {
        double[][] features = new double[images.length][];
        double[][] probabilities = new double[images.length][];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < images.length; start += BATCH) {
                int n = Math.min(BATCH, images.length - start);
                float[] pixels = new float[n * SIDE * SIDE];
                for (int i = 0; i < n; i++) {
                    float[] image = images[start + i];
                    if (image.length != SIDE * SIDE) {
                        throw new IllegalArgumentException("ClassifierFeatures: image " + (start + i) + " has " + image.length + " pixels, expected "
                                + SIDE * SIDE);
                    }
                    for (int p = 0; p < image.length; p++) {
                        // [-1, 1] back to [0, 1], then the training normalisation
                        pixels[i * SIDE * SIDE + p] = ((image[p] + 1) / 2 - FashionMnistDataset.MEAN) / FashionMnistDataset.STD;
                    }
                }
                try (Tensor4 batch = Tensor4.from(TensorData.of(pixels, Shape.of(n, 1, SIDE, SIDE)), device);
                        Tensor2 batchFeatures = classifier.features(batch);
                        Tensor2 logits = classifier.logits(batchFeatures);
                        Tensor2 batchProbabilities = logits.softmax(1)) {
                    copyRows(batchFeatures, features, start);
                    copyRows(batchProbabilities, probabilities, start);
                }
            }
        }
        return new Classified(features, probabilities);
    }

    private static void copyRows(Tensor2 batch, double[][] into, int start) {
        double[] flat = batch.toDoubleArray();
        int d = batch.dim(1);
        for (int i = 0; i < batch.dim(0); i++) {
            into[start + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
    }

    @Override
    public void close() {
        classifier.close();
    }
}
