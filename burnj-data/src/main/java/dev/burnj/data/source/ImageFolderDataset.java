package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in one subdirectory per class (torchvision's {@code ImageFolder}): classes are the subdirectory names in
 * sorted order, labelled 0, 1, …; files ending in {@code .png}, {@code .jpg} or {@code .jpeg} are its items,
 * sorted by name. Each image is decoded with ImageIO when read, resized (bilinear) to a fixed size and returned as
 * RGB or grey floats in {@code [0, 1]}.
 */
public final class ImageFolderDataset implements Dataset<LabeledImage> {
    private final Path root;
    private final List<String> classes;
    private final List<Path> files;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int channels;

    private ImageFolderDataset(Path root, List<String> classes, List<Path> files, int[] labels, int height, int width, int channels) {
        this.root = root;
        this.classes = classes;
        this.files = files;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** RGB images from {@code root}, resized to {@code height × width}. */
    public static ImageFolderDataset rgb(Path root, int height, int width) {
        return scan(root, height, width, 3);
    }

    /** Grey images (the mean of R, G and B) from {@code root}, resized to {@code height × width}. */
    public static ImageFolderDataset grey(Path root, int height, int width) {
        return scan(root, height, width, 1);
    }

    /** The class names, index = label. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public LabeledImage get(int index) {
        Path file = files.get(Dataset.checkIndex(index, files.size(), this));
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidDataException(file, "image", "expected a readable PNG or JPEG (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new InvalidDataException(file, "image", "expected a PNG or JPEG, ImageIO recognises no image format");
        }
        return new LabeledImage(pixels(resize(image)), channels, height, width, labels[index]);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public String toString() {
        return "ImageFolderDataset(" + root + ", " + files.size() + " images, " + classes.size() + " classes)";
    }

    private static ImageFolderDataset scan(Path root, int height, int width, int channels) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ImageFolderDataset: size must be positive, got " + height + "x" + width);
        }
        if (!Files.isDirectory(root)) {
            throw new UncheckedIOException(new IOException("ImageFolderDataset: " + root + " is not a directory"));
        }
        try {
            List<Path> classDirs;
            try (Stream<Path> list = Files.list(root)) {
                classDirs = list.filter(Files::isDirectory).sorted().toList();
            }
            List<String> classes = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (Path dir : classDirs) {
                int label = classes.size();
                classes.add(dir.getFileName().toString());
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path file : list.filter(ImageFolderDataset::isImage).sorted().toList()) {
                        files.add(file);
                        labels.add(label);
                    }
                }
            }
            if (classes.isEmpty()) {
                throw new UncheckedIOException(new IOException("ImageFolderDataset: " + root + " has no class subdirectories"));
            }
            return new ImageFolderDataset(root, List.copyOf(classes), List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(), height,
                    width, channels);
        } catch (IOException e) {
            throw new UncheckedIOException("ImageFolderDataset: cannot list " + root + ": " + e, e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    private BufferedImage resize(BufferedImage image) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private float[] pixels(BufferedImage image) {
        int plane = height * width;
        float[] out = new float[channels * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                float r = ((rgb >> 16) & 0xFF) / 255f;
                float g = ((rgb >> 8) & 0xFF) / 255f;
                float b = (rgb & 0xFF) / 255f;
                int p = y * width + x;
                if (channels == 3) {
                    out[p] = r;
                    out[plane + p] = g;
                    out[2 * plane + p] = b;
                } else {
                    out[p] = (r + g + b) / 3f;
                }
            }
        }
        return out;
    }
}
