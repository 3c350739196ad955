package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: a one-epoch run on a few images writes a grid and a checkpoint, and --resume continues it. */
class MainTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }

    @Test
    void writesGridsAndCheckpointsAndResumes() throws Exception {
        FashionData.train();
        String first = run("--epochs", "1", "--limit", "128", "--out", dir.toString());
        assertTrue(first.contains("epoch 1/1 step 2:"), first);
        BufferedImage grid = ImageIO.read(dir.resolve("samples").resolve("epoch-001.png").toFile());
        assertEquals(2 + 8 * 30, grid.getWidth());
        assertEquals(2 + 8 * 30, grid.getHeight());
        assertTrue(Files.isDirectory(dir.resolve("checkpoints").resolve(String.format("checkpoint-%012d", 2))));

        String second = run("--epochs", "2", "--limit", "128", "--out", dir.toString(), "--resume");
        assertTrue(second.contains("resumed after epoch 1 (step 2)"), second);
        assertTrue(second.contains("epoch 2/2 step 4:"), second);
        assertTrue(Files.isRegularFile(dir.resolve("samples").resolve("epoch-002.png")));
    }

    @Test
    void trainsOnIdxFilesFromADataDirectory() {
        // Fashion-MNIST's files stand in for MNIST's: the option reads any IDX files of that layout.
        Path debian = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(debian), "no IDX files in " + debian);
        String printed = run("--epochs", "1", "--limit", "64", "--data-dir", debian.toString(), "--out", dir.toString());
        assertTrue(printed.contains("training on 64 " + debian + " images"), printed);
        assertTrue(printed.contains("epoch 1/1 step 1:"), printed);
    }
}
