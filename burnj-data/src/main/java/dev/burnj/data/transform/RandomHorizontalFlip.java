package dev.burnj.data.transform;

import dev.burnj.data.ItemRandom;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.RandomMapper;

/** Mirrors an image left-right with probability {@code p} (torchvision's {@code RandomHorizontalFlip}); draws one value. */
public final class RandomHorizontalFlip implements RandomMapper<LabeledImage, LabeledImage> {
    private final double p;

    private RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("RandomHorizontalFlip: probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    public static RandomHorizontalFlip of(double p) {
        return new RandomHorizontalFlip(p);
    }

    @Override
    public LabeledImage map(LabeledImage image, ItemRandom random) {
        if (!random.nextBoolean(p)) {
            return image;
        }
        float[] in = image.pixels();
        float[] out = new float[in.length];
        int w = image.width();
        for (int row = 0; row < image.channels() * image.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = in[base + w - 1 - x];
            }
        }
        return image.withPixels(out);
    }
}
