package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.source.ImageFolderDataset;
import dev.burnj.data.source.InvalidDataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path root;

    private void image(String cls, String name, String format, int w, int h, int rgb) throws IOException {
        Path dir = Files.createDirectories(root.resolve(cls));
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        assertTrue(ImageIO.write(image, format, dir.resolve(name).toFile()));
    }

    @BeforeEach
    void images() throws IOException {
        image("cat", "a.png", "png", 10, 6, 0xFF0000);
        image("cat", "b.jpg", "jpg", 5, 5, 0x00FF00);
        image("dog", "c.png", "png", 3, 7, 0x336699);
        Files.writeString(root.resolve("dog").resolve("notes.txt"), "not an image");
    }

    @Test
    void classesFromSubfoldersAndResizedPixels() {
        ImageFolderDataset ds = ImageFolderDataset.rgb(root, 4, 4);
        assertEquals(List.of("cat", "dog"), ds.classes());
        assertEquals(3, ds.size());
        LabeledImage red = ds.get(0);
        assertEquals(0, red.label());
        assertEquals(3, red.channels());
        assertEquals(4, red.height());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(1f, red.at(0, y, x));
                assertEquals(0f, red.at(1, y, x));
            }
        }
        LabeledImage green = ds.get(1);
        // JPEG is lossy: a solid colour comes back close, not exact.
        assertEquals(1f, green.at(1, 2, 2), 0.05);
        assertEquals(0f, green.at(0, 2, 2), 0.05);
        LabeledImage blue = ImageFolderDataset.grey(root, 2, 3).get(2);
        assertEquals(1, blue.label());
        assertEquals(1, blue.channels());
        assertEquals((0x33 + 0x66 + 0x99) / 3f / 255f, blue.at(0, 1, 2), 1e-6);
    }

    @Test
    void unreadableImageNamesTheFile() throws IOException {
        Path bad = root.resolve("dog").resolve("d.png");
        Files.writeString(bad, "garbage");
        ImageFolderDataset ds = ImageFolderDataset.rgb(root, 4, 4);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> ds.get(3));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
