package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.cli.fashion.FashionMnistCnn;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.train.checkpoint.CheckpointContents;
import dev.burnj.train.checkpoint.Checkpointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier features, with an untrained fashion-mnist-cnn (a trained one is not available in CI): shape and
 * batching, loading from a run's checkpoint, and that even random convolutional features separate real images from
 * noise far more than two halves of the real data.
 */
class ClassifierFeaturesTest {
    @TempDir
    Path dir;

    private static final Device DEVICE = Device.defaultDevice();

    private static FashionMnistCnn randomCnn(long seed) {
        return new FashionMnistCnn(TensorOptions.on(DEVICE).withGenerator(Generator.of(seed)));
    }

    private static float[][] real(int from, int count) {
        IdxImageDataset data = FashionData.train();
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = GanTrainer.toTanhRange(data.get(from + i)).pixels();
        }
        return out;
    }

    @Test
    void givesNonNegative128dFeaturesIndependentOfTheBatching() {
        float[][] images = real(0, 520);
        try (ClassifierFeatures features = new ClassifierFeatures(randomCnn(1), DEVICE)) {
            double[][] all = features.features(images);
            assertEquals(520, all.length);
            assertEquals(128, all[0].length);
            for (double[] row : all) {
                for (double v : row) {
                    assertTrue(v >= 0, "a ReLU activation: " + v);
                }
            }
            // images 500..519 form the second, partial batch of 500; alone they are a first batch
            double[][] tail = features.features(Arrays.copyOfRange(images, 500, 520));
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(all[500 + i], tail[i], 1e-5, "image " + (500 + i));
            }
        }
    }

    @Test
    void loadsTheModelOfARunDirectory() throws IOException {
        float[][] images = real(0, 8);
        Path run = dir.resolve("cnn-run");
        double[][] expected;
        try (FashionMnistCnn cnn = randomCnn(2)) {
            Checkpointer.in(run.resolve("checkpoints")).save(CheckpointContents.at(10, 1).withModule("model", cnn));
            try (ClassifierFeatures direct = new ClassifierFeatures(randomCnn(2), DEVICE)) {
                expected = direct.features(images);
            }
        }
        try (ClassifierFeatures loaded = ClassifierFeatures.load(run, DEVICE); ClassifierFeatures other = new ClassifierFeatures(randomCnn(3), DEVICE)) {
            double[][] got = loaded.features(images);
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(expected[i], got[i], 1e-6);
            }
            assertTrue(Math.abs(other.features(images)[0][0] - expected[0][0]) + Math.abs(other.features(images)[1][5] - expected[1][5]) > 0,
                    "a different init gives different features, so the comparison above means something");
        }
        IOException e = assertThrows(IOException.class, () -> ClassifierFeatures.load(dir.resolve("nothing"), DEVICE));
        assertTrue(e.getMessage().startsWith("ClassifierFeatures: "), e.getMessage());
    }

    @Test
    void realHalvesAreCloserThanRealAndNoise() {
        float[][] first = real(0, 1000);
        float[][] second = real(1000, 1000);
        Random random = new Random(3);
        float[][] noise = new float[1000][784];
        for (float[] image : noise) {
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextFloat() * 2 - 1;
            }
        }
        try (ClassifierFeatures features = new ClassifierFeatures(randomCnn(4), DEVICE)) {
            double[][] a = features.features(first);
            double halves = FrechetDistance.between(a, features.features(second));
            double toNoise = FrechetDistance.between(a, features.features(noise));
            assertTrue(toNoise > 10 * halves, "random-CNN FID real vs noise " + toNoise + ", between real halves " + halves);
        }
    }
}
