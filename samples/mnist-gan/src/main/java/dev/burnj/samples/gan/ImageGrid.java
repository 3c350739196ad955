package dev.burnj.samples.gan;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes square grey images, given as rows of pixels in {@code [-1, 1]} (the generator's tanh range), as one PNG
 * grid with a 2-pixel black border between tiles. Headless: only {@link BufferedImage} and {@link ImageIO}.
 */
public final class ImageGrid {
    private static final int PAD = 2;

    private ImageGrid() {}

    /** {@code images[i]} is one {@code side × side} image; they fill a grid {@code columns} wide, row by row. */
    public static BufferedImage render(float[][] images, int side, int columns) {
        if (images.length == 0 || columns < 1) {
            throw new IllegalArgumentException("ImageGrid: need at least one image and one column, got " + images.length + " images, "
                    + columns + " columns");
        }
        int rows = (images.length + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(PAD + columns * (side + PAD), PAD + rows * (side + PAD), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grid.getRaster();
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != side * side) {
                throw new IllegalArgumentException("ImageGrid: image " + i + " has " + images[i].length + " pixels, expected " + side + "x"
                        + side + " = " + side * side);
            }
            int x0 = PAD + (i % columns) * (side + PAD);
            int y0 = PAD + (i / columns) * (side + PAD);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    raster.setSample(x0 + x, y0 + y, 0, grey(images[i][y * side + x]));
                }
            }
        }
        return grid;
    }

    /** Renders the grid and writes it to {@code file} as a PNG (parent directories are created). */
    public static void write(float[][] images, int side, int columns, Path file) throws IOException {
        BufferedImage grid = render(images, side, columns);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(grid, "png", file.toFile())) {
            throw new IOException("ImageGrid: no PNG writer available for " + file);
        }
    }

    /** {@code [-1, 1]} to {@code 0..255}, clamped. */
    static int grey(float value) {
        double unit = (Math.max(-1f, Math.min(1f, value)) + 1) / 2;
        return (int) Math.round(unit * 255);
    }
}
