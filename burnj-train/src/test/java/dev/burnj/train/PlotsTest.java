package dev.burnj.train;

import static dev.burnj.train.LearnerTest.loader;
import static dev.burnj.train.LearnerTest.model;
import static dev.burnj.train.LearnerTest.quiet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.train.metric.AccuracyMetric;
import dev.burnj.train.plot.MetricCurves;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Learner's plots in the artifact directory, across a resume. */
class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void plotsCoverEveryMetricAndAResumedRunFromItsFirstStep() throws IOException {
        Dataset<LabeledImage> data = Synthetic.images(96, 5);
        Path plots = dir.resolve("plots");
        TestMlp a = model(31);
        Optimizer adamA = AdamConfig.of().init();
        try (var train = loader(data, 16, true)) {
            // stops mid-epoch (6 batches per epoch): the plots come from the final redraw
            Learner.builder(a, adamA).metric(AccuracyMetric::of).epochs(3).maxSteps(5).artifactDir(dir).output(quiet())
                    .build().fit(train, null);
        }
        assertEquals(List.of("step_accuracy.png", "step_loss.png"), list(plots), "no epoch has ended yet");
        FileTime before = Files.getLastModifiedTime(plots.resolve("step_loss.png"));

        TestMlp b = model(32);
        Optimizer adamB = AdamConfig.of().init();
        try (var train = loader(data, 16, true); var valid = loader(Synthetic.images(32, 6), 16, false)) {
            Learner.builder(b, adamB).metric(AccuracyMetric::of).epochs(2).artifactDir(dir).resume(true).output(quiet())
                    .build().fit(train, valid);
        }
        assertEquals(List.of("epoch_accuracy.png", "epoch_loss.png", "step_accuracy.png", "step_loss.png"), list(plots));
        assertTrue(Files.getLastModifiedTime(plots.resolve("step_loss.png")).compareTo(before) >= 0);
        for (String name : list(plots)) {
            var image = ImageIO.read(plots.resolve(name).toFile());
            assertNotNull(image, name + " is a PNG");
            assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, name);
        }
        // what the step plots were drawn from: steps 1..12, those before the resume included, each once
        MetricCurves curves = MetricCurves.read(dir.resolve("metrics.csv"));
        assertArrayEquals(LongStream.rangeClosed(1, 12).asDoubleStream().toArray(), curves.steps().get("loss").x());
        assertEquals(2, curves.epochs().get("loss").get(Split.VALID).size());

        for (AutoCloseable x : new AutoCloseable[] {adamA, adamB, a, b}) {
            LearnerTest.close(x);
        }
    }

    @Test
    void noPlotsWhenTurnedOffOrWithoutTheCsvLog() throws IOException {
        TestMlp mlp = model(33);
        Optimizer adam = AdamConfig.of().init();
        try (var train = loader(Synthetic.images(32, 1), 16, true)) {
            Learner.builder(mlp, adam).artifactDir(dir.resolve("off")).plots(false).output(quiet()).build().fit(train, null);
            Learner.builder(mlp, adam).artifactDir(dir.resolve("nocsv")).fileLogger(false).output(quiet()).build().fit(train, null);
        }
        assertFalse(Files.exists(dir.resolve("off/plots")));
        assertFalse(Files.exists(dir.resolve("nocsv/plots")));
        adam.close();
        mlp.close();
    }

    private static List<String> list(Path plots) throws IOException {
        try (Stream<Path> files = Files.list(plots)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
