package dev.burnj.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void tilesImagesRowByRowBetweenBorders() throws Exception {
        float[][] images = new float[64][4];
        for (int i = 0; i < 64; i++) {
            // black images whose top-left pixel is white for odd i and mid grey for even i
            Arrays.fill(images[i], -1);
            images[i][0] = i % 2 == 1 ? 1 : 0;
        }
        Path file = dir.resolve("grid").resolve("g.png");
        ImageGrid.write(images, 2, 8, file);
        BufferedImage read = ImageIO.read(file.toFile());
        // 8 tiles of 2 pixels with 2-pixel borders: 2 + 8 * (2 + 2)
        assertEquals(34, read.getWidth());
        assertEquals(34, read.getHeight());
        assertEquals(128, read.getRaster().getSample(2, 2, 0), "image 0 top-left, 0 -> mid grey");
        assertEquals(255, read.getRaster().getSample(6, 2, 0), "image 1 top-left");
        assertEquals(0, read.getRaster().getSample(7, 3, 0), "image 1 bottom-right");
        assertEquals(255, read.getRaster().getSample(2 + 4 * 7, 2 + 4 * 7, 0), "image 63 top-left");
        assertEquals(128, read.getRaster().getSample(2, 6, 0), "image 8 starts the second row");
        assertEquals(0, read.getRaster().getSample(0, 0, 0), "border");
    }

    @Test
    void clampsToTheTanhRange() {
        assertEquals(0, ImageGrid.grey(-3f));
        assertEquals(255, ImageGrid.grey(2f));
    }

    @Test
    void rejectsAnImageOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(new float[][] {new float[4], new float[3]}, 2, 8));
        assertEquals("ImageGrid: image 1 has 3 pixels, expected 2x2 = 4", e.getMessage());
    }
}
