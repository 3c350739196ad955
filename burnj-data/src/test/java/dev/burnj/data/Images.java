package dev.burnj.data;

import dev.burnj.tensor.Device;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic image datasets shared by the tests: pixel values encode (item, position) so that mixups show. */
final class Images {
    static final Device CPU = Device.of("nd4j");

    private Images() {}

    /** {@code n} images {@code c×h×w} whose pixel p of item i is {@code i + p / 1000}, labelled {@code i % 10}. */
    static Dataset<LabeledImage> synthetic(int n, int c, int h, int w) {
        List<LabeledImage> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] pixels = new float[c * h * w];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = i + p / 1000f;
            }
            items.add(new LabeledImage(pixels, c, h, w, i % 10));
        }
        return Dataset.of(items);
    }
}
