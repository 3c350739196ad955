package dev.burnj.train;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A learnable synthetic image set: 1×4×4 images whose class is which quarter has the largest mean. */
final class Synthetic {
    private Synthetic() {}

    static Dataset<LabeledImage> images(int count, long seed) {
        Random r = new Random(seed);
        List<LabeledImage> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = r.nextInt(4);
            float[] px = new float[16];
            for (int p = 0; p < 16; p++) {
                int quarter = (p / 8) * 2 + (p % 4) / 2;
                px[p] = (float) (r.nextDouble() * 0.5 + (quarter == label ? 0.5 : 0));
            }
            items.add(new LabeledImage(px, 1, 4, 4, label));
        }
        return Dataset.of(items);
    }
}
