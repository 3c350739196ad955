package dev.burnj.data.transform;

import dev.burnj.data.LabeledImage;
import dev.burnj.data.Mapper;

/**
 * Per-channel normalisation {@code (x - mean[c]) / std[c]} (torchvision's {@code Normalize}). One mean and std
 * apply to every channel if a single value is given.
 */
public final class Normalize implements Mapper<LabeledImage, LabeledImage> {
    private final float[] mean;
    private final float[] std;

    private Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: need as many means as stds (at least one), got " + mean.length + " and " + std.length);
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || Float.isInfinite(std[c])) {
                throw new IllegalArgumentException("Normalize: std must be finite and > 0, std[" + c + "] is " + std[c]);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public static Normalize of(float[] mean, float[] std) {
        return new Normalize(mean, std);
    }

    /** The same mean and std for every channel. */
    public static Normalize of(float mean, float std) {
        return new Normalize(new float[] {mean}, new float[] {std});
    }

    @Override
    public LabeledImage map(LabeledImage image) {
        if (mean.length != 1 && mean.length != image.channels()) {
            throw new IllegalArgumentException("Normalize: configured for " + mean.length + " channels, got an image with " + image.channels());
        }
        float[] in = image.pixels();
        float[] out = new float[in.length];
        int plane = image.height() * image.width();
        for (int c = 0; c < image.channels(); c++) {
            int k = mean.length == 1 ? 0 : c;
            float m = mean[k];
            float inv = 1f / std[k];
            for (int p = c * plane; p < (c + 1) * plane; p++) {
                out[p] = (in[p] - m) * inv;
            }
        }
        return image.withPixels(out);
    }
}
