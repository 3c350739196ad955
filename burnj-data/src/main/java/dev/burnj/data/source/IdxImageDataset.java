package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import java.nio.file.Path;

/**
 * Grey images and labels from a pair of IDX files (images {@code [N, H, W]}, labels {@code [N]}), held as bytes
 * and converted to floats in {@code [0, 1]} when an item is read. Thread-safe.
 */
public final class IdxImageDataset implements Dataset<LabeledImage> {
    private static final float INV_255 = 1f / 255f;

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int height;
    private final int width;

    private IdxImageDataset(String name, byte[] pixels, byte[] labels, int count, int height, int width) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
    }

    /** Reads and cross-checks an images file and a labels file (each raw or gzip). */
    public static IdxImageDataset read(String name, Path imagesFile, Path labelsFile) {
        IdxFile images = IdxFile.read(imagesFile);
        IdxFile labels = IdxFile.read(labelsFile);
        if (images.dims().length != 3) {
            throw new InvalidDataException(imagesFile, "header", "expected 3 dimensions [count, rows, columns] for images, found "
                    + images.dims().length);
        }
        if (images.dims()[1] < 1 || images.dims()[2] < 1) {
            throw new InvalidDataException(imagesFile, "header", "expected positive image rows and columns, found " + images.dims()[1] + "x"
                    + images.dims()[2]);
        }
        if (labels.dims().length != 1) {
            throw new InvalidDataException(labelsFile, "header", "expected 1 dimension [count] for labels, found " + labels.dims().length);
        }
        if (labels.count() != images.count()) {
            throw new InvalidDataException(labelsFile, "header", "expected " + images.count() + " labels to match " + imagesFile.getFileName()
                    + ", found " + labels.count());
        }
        return new IdxImageDataset(name, images.data(), labels.data(), images.count(), images.dims()[1], images.dims()[2]);
    }

    @Override
    public LabeledImage get(int index) {
        Dataset.checkIndex(index, count, this);
        int plane = height * width;
        float[] out = new float[plane];
        int base = index * plane;
        for (int p = 0; p < plane; p++) {
            out[p] = (pixels[base + p] & 0xFF) * INV_255;
        }
        return new LabeledImage(out, 1, height, width, labels[index] & 0xFF);
    }

    /** The raw label of item {@code index}, without decoding its image. */
    public int label(int index) {
        return labels[Dataset.checkIndex(index, count, this)] & 0xFF;
    }

    @Override
    public int size() {
        return count;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    public String toString() {
        return name + "(" + count + " images " + height + "x" + width + ")";
    }
}
