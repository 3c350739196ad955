package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.cli.fashion.FashionMnistCnn;
import dev.burnj.random.Generator;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.train.checkpoint.CheckpointContents;
import dev.burnj.train.checkpoint.Checkpointer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mnist-gan score}: a file of the reference's own real images scores as no distance at all, with the
 * classifier's verdicts; a file of the wrong shape, dtype, name or range is refused with what was expected and found.
 */
class ScoreCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result score(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String file, String name, TensorData data) throws Exception {
        Path path = dir.resolve(file);
        SafeTensors.write(path, NamedTensors.of(Map.of(name, data)));
        return path;
    }

    private static TensorData flat(float[][] images) {
        float[] values = new float[images.length * images[0].length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, values, i * images[i].length, images[i].length);
        }
        return TensorData.of(values, Shape.of(images.length, images[0].length));
    }

    private Path classifierRun() throws Exception {
        Path run = dir.resolve("cnn");
        try (FashionMnistCnn cnn = new FashionMnistCnn(TensorOptions.on(Device.defaultDevice()).withGenerator(Generator.of(9)))) {
            Checkpointer.in(run.resolve("checkpoints")).save(CheckpointContents.at(1, 1).withModule("model", cnn));
        }
        return run;
    }

    @Test
    void theReferenceImagesThemselvesScoreAsNoDistance() throws Exception {
        float[][] real = GanTrainer.tanhImages(FashionData.test(), SampleQuality.SAMPLES);
        Path file = write("real.safetensors", "images", flat(real));
        Path run = classifierRun();
        Result r = score("score", "--fid-classifier", run.toString(), file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String line = r.out().lines().filter(l -> l.startsWith("score ")).reduce((a, b) -> b).orElseThrow();
        Map<String, Double> values = new HashMap<>();
        for (String pair : line.substring("score ".length()).split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], Double.parseDouble(kv[1]));
        }
        assertEquals(2000, values.get("samples"));
        assertEquals(0, values.get("fid_pool7"), 1e-4);
        assertEquals(0, values.get("fid_cnn"), 1e-2);
        double shares = 0;
        for (int label = 0; label < 10; label++) {
            shares += values.get(QualityReport.metricName(label));
        }
        assertEquals(1, shares, 1e-3);
        // The same classifier applied directly gives the same verdicts (to the 4 printed decimals).
        try (ClassifierFeatures features = ClassifierFeatures.load(run, Device.defaultDevice())) {
            double[][] p = features.classify(real).probabilities();
            assertEquals(SampleQuality.confidentFraction(p, 0.9), values.get("conf90"), 1e-4);
            ClassifierReport expected = new ClassifierReport(0, 0, SampleQuality.classCounts(p));
            assertEquals(expected.classesWithAtLeastPercent(2), values.get("classes_ge2pct"));
            assertEquals(expected.share(3), values.get("class_dress"), 1e-4);
        }
        assertTrue(r.out().contains("classified with confidence >= 0.9"), r.out());
    }

    private void assertRefused(Path file, String... expected) {
        Result r = score("score", "--fid-classifier", dir.resolve("unused").toString(), file.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        for (String part : expected) {
            assertTrue(r.err().contains(part), "expected '" + part + "' in: " + r.err());
        }
        assertTrue(!r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
    }

    @Test
    void refusesAWrongShapeDtypeNameOrRange() throws Exception {
        String expected = "expected a float32 tensor [n, 784] of images in [-1, 1], n >= 2";
        assertRefused(write("shape.safetensors", "images", TensorData.of(new float[3 * 700], Shape.of(3, 700))),
                "score: ", "tensor 'images' has shape [3, 700], " + expected);
        assertRefused(write("rank.safetensors", "images", TensorData.of(new float[2 * 28 * 28], Shape.of(2, 28, 28))),
                "tensor 'images' has shape [2, 28, 28], " + expected);
        assertRefused(write("dtype.safetensors", "images", TensorData.of(new double[2 * 784], Shape.of(2, 784))),
                "tensor 'images' is F64 [2, 784], " + expected);
        assertRefused(write("name.safetensors", "samples", TensorData.of(new float[2 * 784], Shape.of(2, 784))),
                "no tensor named 'images' (" + expected + "); the file has [samples F32 [2, 784]]");
        float[] range = new float[2 * 784];
        range[784 + 5] = 255;
        assertRefused(write("range.safetensors", "images", TensorData.of(range, Shape.of(2, 784))),
                "tensor 'images' image 1 pixel 5 is 255.0, " + expected);
    }

    @Test
    void readsAnotherTensorNameWhenAsked() throws Exception {
        Path file = write("named.safetensors", "samples", TensorData.of(new float[2 * 784], Shape.of(2, 784)));
        float[][] images = SampleImages.read(file, "samples");
        assertEquals(2, images.length);
        assertEquals(784, images[1].length);
    }
}
