package dev.burnj.train.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.train.Split;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading curves from metrics.csv and drawing them. */
class MetricPlotsTest {
    @TempDir
    Path dir;

    /** A metrics.csv of 3 epochs of 10 steps with loss and accuracy, validated each epoch. */
    private Path csv() throws IOException {
        List<String> rows = new ArrayList<>(List.of("kind,split,epoch,step,metric,value"));
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int s = 1; s <= 10; s++) {
                long step = epoch * 10L + s;
                rows.add(String.format(Locale.ROOT, "step,train,%d,%d,loss,%.9g", epoch, step, 2.0 / step));
                rows.add(String.format(Locale.ROOT, "step,train,%d,%d,accuracy,%.9g", epoch, step, 1 - 1.0 / step));
            }
            long last = (epoch + 1) * 10L;
            rows.add(String.format(Locale.ROOT, "epoch,train,%d,%d,loss,%.9g", epoch, last, 1.0 / (epoch + 1)));
            rows.add(String.format(Locale.ROOT, "epoch,train,%d,%d,accuracy,%.9g", epoch, last, 0.5 + 0.1 * epoch));
            rows.add(String.format(Locale.ROOT, "epoch,valid,%d,%d,loss,%.9g", epoch, last, 1.2 / (epoch + 1)));
            rows.add(String.format(Locale.ROOT, "epoch,valid,%d,%d,accuracy,%.9g", epoch, last, 0.45 + 0.1 * epoch));
        }
        rows.add("step,train,2,30,items_per_second,NaN");
        Path file = dir.resolve("metrics.csv");
        Files.write(file, rows);
        return file;
    }

    @Test
    void readsStepAndEpochCurvesLeavingOutNonFiniteValues() throws IOException {
        MetricCurves curves = MetricCurves.read(csv());
        assertEquals(List.of("loss", "accuracy"), List.copyOf(curves.steps().keySet()), "items_per_second had only NaN");
        Curve loss = curves.steps().get("loss");
        assertEquals(30, loss.size());
        assertEquals(1.0, loss.x()[0]);
        assertEquals(30.0, loss.x()[29]);
        assertEquals(2.0 / 7, loss.y()[6], 1e-9);
        Curve valid = curves.epochs().get("accuracy").get(Split.VALID);
        assertArrayEquals(new double[] {1, 2, 3}, valid.x(), "epochs from 1");
        assertArrayEquals(new double[] {0.45, 0.55, 0.65}, valid.y(), 1e-9);
        assertEquals(0, MetricCurves.read(dir.resolve("none.csv")).steps().size(), "no file, no curves");
    }

    @Test
    void aMalformedRowNamesTheFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("kind,split,epoch,step,metric,value", "step,train,0,1,loss,0.5", "step,train,0,2,loss"));
        IOException e = assertThrows(IOException.class, () -> MetricCurves.read(bad));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("expected 6 fields"), e.getMessage());
    }

    @Test
    void downsamplingAveragesEqualGroups() {
        Curve c = new Curve(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[] {10, 20, 30, 40, 50, 60, 70});
        Curve d = c.downsample(3);
        assertArrayEquals(new double[] {2, 5, 7}, d.x(), 1e-12);
        assertArrayEquals(new double[] {20, 50, 70}, d.y(), 1e-12);
        assertEquals(c, c.downsample(7));
        assertThrows(IllegalArgumentException.class, () -> new Curve(new double[2], new double[3]));
    }

    @Test
    void writesOnePngPerMetricAndKindWithTheCurvesDrawn() throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless(), "the tests run headless, as on a server");
        List<Path> files = MetricPlots.write(csv(), dir.resolve("plots"));
        List<String> names = files.stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("epoch_accuracy.png", "epoch_loss.png", "step_accuracy.png", "step_loss.png"), names);
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertEquals(MetricPlots.WIDTH, image.getWidth(), file.toString());
            assertEquals(MetricPlots.HEIGHT, image.getHeight(), file.toString());
            assertTrue(pixels(image, MetricPlots.TRAIN) > 100, "the train curve is drawn in " + file);
            boolean epochPlot = file.getFileName().toString().startsWith("epoch_");
            assertEquals(epochPlot, pixels(image, MetricPlots.VALID) > 50, "a validation curve exactly in the epoch plots: " + file);
        }
    }

    @Test
    void metricNamesBecomeSafeFileNames() {
        assertEquals("top_5_accuracy", MetricPlots.fileName("top 5/accuracy"));
        assertEquals("f1-macro.v2", MetricPlots.fileName("f1-macro.v2"));
    }

    /** Pixels of exactly {@code color}: the curves' stroke (antialiasing blends only its edges). */
    static int pixels(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
