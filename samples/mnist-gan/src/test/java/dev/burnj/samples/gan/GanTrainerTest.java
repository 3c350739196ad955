package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Module;
import dev.burnj.tensor.Device;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on real Fashion-MNIST images: that it improves the generator, and that a resumed run is the same run. */
class GanTrainerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    private static GanTrainer trainer(GanConfig config, Path out) {
        return new GanTrainer(config, FashionData.train(), out, Device.defaultDevice().autodiff());
    }

    private static double pooledFid(GanTrainer trainer, float[][] real) {
        return FrechetDistance.between(PooledPixels.features(real, 28, 4), PooledPixels.features(trainer.generate(real.length, 99), 28, 4));
    }

    @Test
    void oneEpochOnASubsetBringsTheSamplesCloserToTheData() {
        try (GanTrainer trainer = trainer(GanConfig.of().withLimit(2000).withEpochs(1), dir)) {
            float[][] real = trainer.realImages(1000);
            double before = pooledFid(trainer, real);
            StepStats stats = trainer.runEpoch();
            double after = pooledFid(trainer, real);
            assertEquals(31, trainer.step(), "2000 images in full batches of 64");
            assertTrue(Double.isFinite(stats.discriminatorLoss()) && Double.isFinite(stats.generatorLoss()), stats.toString());
            // The untrained generator gives ~26.7 and 31 steps ~16.0; the real halves of FrechetDistanceTest differ by < 0.5.
            assertTrue(after < 0.75 * before, "pooled-pixel FID of 1000 samples: untrained " + before + ", after 31 steps " + after);
        }
    }

    @Test
    void aResumedRunEndsExactlyWhereAnUninterruptedOneDoes() throws Exception {
        GanConfig twoEpochs = GanConfig.of().withLimit(128).withEpochs(2);
        double[][] straight;
        try (GanTrainer trainer = trainer(twoEpochs, dir.resolve("straight"))) {
            trainer.fit(false, QUIET);
            straight = weights(trainer.generator(), trainer.discriminator());
        }
        Path interrupted = dir.resolve("interrupted");
        try (GanTrainer trainer = trainer(twoEpochs.withEpochs(1), interrupted)) {
            trainer.fit(false, QUIET);
        }
        try (GanTrainer trainer = trainer(twoEpochs, interrupted)) {
            trainer.fit(true, QUIET);
            assertEquals(2, trainer.epochsDone());
            assertEquals(4, trainer.step());
            double[][] resumed = weights(trainer.generator(), trainer.discriminator());
            assertEquals(straight.length, resumed.length);
            for (int i = 0; i < straight.length; i++) {
                assertArrayEquals(straight[i], resumed[i], "parameter " + i);
            }
        }
        assertTrue(Files.isRegularFile(interrupted.resolve("samples").resolve("epoch-002.png")));
    }

    @Test
    void refusesToStartAFreshRunOverAnOldOne() throws Exception {
        GanConfig config = GanConfig.of().withLimit(64).withEpochs(1);
        try (GanTrainer trainer = trainer(config, dir)) {
            trainer.fit(false, QUIET);
        }
        try (GanTrainer trainer = trainer(config, dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(false, QUIET));
            assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        }
    }

    @Test
    void rejectsFewerImagesThanABatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(GanConfig.of().withLimit(10), dir));
        assertEquals("GanTrainer: 10 images are fewer than one batch of 64", e.getMessage());
    }

    private static double[][] weights(Module... modules) {
        return Arrays.stream(modules).flatMap(m -> m.parameters().stream()).map(p -> p.value().toDoubleArray())
                .toArray(double[][]::new);
    }
}
