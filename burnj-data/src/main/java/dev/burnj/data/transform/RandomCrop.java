package dev.burnj.data.transform;

import dev.burnj.data.ItemRandom;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.RandomMapper;

/**
 * Pads an image with a constant on every side, then cuts a {@code height × width} window at a random offset
 * (torchvision's {@code RandomCrop(size, padding)} with constant fill); draws two values, the row offset then the
 * column offset.
 */
public final class RandomCrop implements RandomMapper<LabeledImage, LabeledImage> {
    private final int height;
    private final int width;
    private final int padding;
    private final float fill;

    private RandomCrop(int height, int width, int padding, float fill) {
        if (height < 1 || width < 1 || padding < 0) {
            throw new IllegalArgumentException("RandomCrop: size must be positive and padding >= 0, got " + height + "x" + width + ", padding " + padding);
        }
        this.height = height;
        this.width = width;
        this.padding = padding;
        this.fill = fill;
    }

    /** A {@code height × width} crop after zero padding of {@code padding} on each side. */
    public static RandomCrop of(int height, int width, int padding) {
        return new RandomCrop(height, width, padding, 0f);
    }

    public RandomCrop withFill(float newFill) {
        return new RandomCrop(height, width, padding, newFill);
    }

    @Override
    public LabeledImage map(LabeledImage image, ItemRandom random) {
        int paddedH = image.height() + 2 * padding;
        int paddedW = image.width() + 2 * padding;
        if (height > paddedH || width > paddedW) {
            throw new IllegalArgumentException("RandomCrop: crop " + height + "x" + width + " is larger than the padded image " + paddedH + "x" + paddedW);
        }
        int top = random.nextInt(paddedH - height + 1);
        int left = random.nextInt(paddedW - width + 1);
        float[] in = image.pixels();
        float[] out = new float[image.channels() * height * width];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < height; y++) {
                int sy = top + y - padding;
                for (int x = 0; x < width; x++) {
                    int sx = left + x - padding;
                    boolean inside = sy >= 0 && sy < image.height() && sx >= 0 && sx < image.width();
                    out[(c * height + y) * width + x] = inside ? in[(c * image.height() + sy) * image.width() + sx] : fill;
                }
            }
        }
        return new LabeledImage(out, image.channels(), height, width, image.label());
    }
}
