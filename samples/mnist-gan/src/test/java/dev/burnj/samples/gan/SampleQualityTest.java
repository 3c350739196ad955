package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.cli.fashion.FashionMnistCnn;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quality report: the confident fraction and the class histogram on probabilities worked out by hand, the
 * class-share threshold at its boundary, the report's names and formats, and the classifier's probabilities against a
 * softmax of its own logits computed here.
 */
class SampleQualityTest {
    private static final Device DEVICE = Device.defaultDevice();

    /** A probability row with {@code top} on {@code label} and the rest spread evenly over the other nine classes. */
    private static double[] peaked(int label, double top) {
        double[] row = new double[10];
        Arrays.fill(row, (1 - top) / 9);
        row[label] = top;
        return row;
    }

    @Test
    void countsConfidentSamplesAndClassesByTheirLargestProbability() {
        double[][] p = {
            peaked(0, 0.95), // confident
            peaked(0, 0.9), // exactly at the threshold: confident
            peaked(3, 0.89), // not
            peaked(3, 0.5),
            peaked(9, 0.99), // confident
            {0.4, 0.4, 0.2, 0, 0, 0, 0, 0, 0, 0}, // a tie goes to the first class
            peaked(7, 0.2),
            peaked(7, 0.3),
        };
        assertEquals(3.0 / 8, SampleQuality.confidentFraction(p, 0.9), 1e-15);
        assertEquals(1.0 / 8, SampleQuality.confidentFraction(p, 0.96), 1e-15);
        assertEquals(List.of(3, 0, 0, 2, 0, 0, 0, 2, 0, 1), SampleQuality.classCounts(p));
    }

    @Test
    void aClassIsFilledFromExactlyTwoPercent() {
        // 2 000 samples: 40 is exactly 2 %, 39 is not.
        ClassifierReport report = new ClassifierReport(1.5, 0.25, List.of(40, 39, 1000, 400, 200, 100, 100, 100, 21, 0));
        assertEquals(2000, report.samples());
        assertEquals(7, report.classesWithAtLeastPercent(2), "classes 0, 2, 3, 4, 5, 6, 7");
        assertEquals(0.02, report.share(0), 1e-15);
        assertEquals(10, report.classesWithAtLeastPercent(0));
    }

    @Test
    void namesItsMetricsAndPrintsThemForScriptsAndReaders() {
        ClassifierReport classes = new ClassifierReport(12.25, 0.625, List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 2));
        QualityReport report = new QualityReport(4, 3.5, Optional.of(classes));
        Map<String, Double> metrics = report.metrics();
        assertEquals(List.of("fid_pool7", "fid_cnn", "conf90", "classes_ge2pct", "class_t_shirt_top", "class_trouser", "class_pullover",
                "class_dress", "class_coat", "class_sandal", "class_shirt", "class_sneaker", "class_bag", "class_ankle_boot"),
                List.copyOf(metrics.keySet()));
        assertEquals(3.0, metrics.get("classes_ge2pct"));
        assertEquals(0.5, metrics.get("class_ankle_boot"));
        assertEquals("fid_pool7=3.5000 fid_cnn=12.2500 conf90=0.6250 classes_ge2pct=3", report.summary());
        assertTrue(report.line().startsWith("samples=4 fid_pool7=3.5000 fid_cnn=12.2500 conf90=0.6250 classes_ge2pct=3 class_t_shirt_top=0.2500 "),
                report.line());
        assertTrue(report.table().contains("Ankle boot        2  0.5000 #########################"), report.table());

        QualityReport pooledOnly = new QualityReport(4, 3.5, Optional.empty());
        assertEquals("fid_pool7=3.5000", pooledOnly.summary());
        assertEquals("samples=4 fid_pool7=3.5000", pooledOnly.line());
    }

    @Test
    void rejectsMalformedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleQuality.classCounts(new double[][] {{0.5, 0.5}}));
        assertEquals("SampleQuality: probability row 0 has 2 entries, expected 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClassifierReport(0, 0.5, List.of(1, 2)));
        assertEquals("ClassifierReport: 2 class counts, expected 10", e.getMessage());
    }

    @Test
    void theClassifierGivesTheSoftmaxOfItsLogits() {
        Random random = new Random(5);
        float[][] images = new float[7][784];
        float[] normalised = new float[7 * 784];
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < 784; p++) {
                images[i][p] = random.nextFloat() * 2 - 1;
                normalised[i * 784 + p] = ((images[i][p] + 1) / 2 - 0.2860406f) / 0.3530242f;
            }
        }
        FashionMnistCnn cnn = new FashionMnistCnn(TensorOptions.on(DEVICE).withGenerator(Generator.of(6)));
        double[] logits;
        try (Tensor4 batch = Tensor4.from(TensorData.of(normalised, Shape.of(7, 1, 28, 28)), DEVICE); Tensor2 out = cnn.forward(batch)) {
            logits = out.toDoubleArray();
        }
        try (ClassifierFeatures features = new ClassifierFeatures(cnn, DEVICE)) {
            ClassifierFeatures.Classified seen = features.classify(images);
            for (int i = 0; i < images.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 10; k++) {
                    max = Math.max(max, logits[i * 10 + k]);
                }
                double sum = 0;
                double[] expected = new double[10];
                for (int k = 0; k < 10; k++) {
                    expected[k] = Math.exp(logits[i * 10 + k] - max);
                    sum += expected[k];
                }
                for (int k = 0; k < 10; k++) {
                    expected[k] /= sum;
                }
                assertArrayEquals(expected, seen.probabilities()[i], 1e-6, "image " + i);
                assertArrayEquals(features.features(new float[][] {images[i]})[0], seen.features()[i], 1e-5, "image " + i);
            }
        }
    }

    @Test
    void aSetMeasuredAgainstItselfIsAtDistanceZero() {
        Random random = new Random(7);
        float[][] images = new float[300][784];
        for (float[] image : images) {
            for (int p = 0; p < 784; p++) {
                image[p] = (float) Math.tanh(random.nextGaussian());
            }
        }
        try (ClassifierFeatures features = new ClassifierFeatures(new FashionMnistCnn(TensorOptions.on(DEVICE).withGenerator(Generator.of(8))), DEVICE)) {
            SampleQuality quality = SampleQuality.against(images, features);
            QualityReport report = quality.measure(images);
            assertEquals(300, report.samples());
            assertEquals(0, report.fidPool7(), 1e-6);
            ClassifierReport classes = report.classifier().orElseThrow();
            assertEquals(0, classes.fid(), 1e-3);
            double[][] probabilities = features.classify(images).probabilities();
            assertEquals(SampleQuality.classCounts(probabilities), classes.classCounts());
            assertEquals(SampleQuality.confidentFraction(probabilities, 0.9), classes.confidentFraction());
            assertEquals(300, classes.samples());
        }
    }
}
