package dev.burnj.data.loader;

import dev.burnj.data.LabeledImage;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorData;
import java.util.List;

/**
 * Batchers for image classification: the images of a batch as one F32 tensor — flattened {@code [B, C*H*W]} for an
 * MLP or {@code [B, C, H, W]} for a CNN — and their labels as an I64 {@code IntTensor1 [B]}. All images of a batch
 * must share one layout.
 */
public final class ImageBatcher {
    private ImageBatcher() {}

    /** Images as {@code Tensor2 [B, C*H*W]}. */
    public static Batcher<LabeledImage, ClassificationBatch<Tensor2>> flat() {
        return (items, device) -> {
            float[] pixels = pixels(items);
            Tensor2 inputs = Tensor2.from(TensorData.of(pixels, Shape.of(items.size(), pixels.length / items.size())), device);
            return new ClassificationBatch<>(inputs, labels(items, device));
        };
    }

    /** Images as {@code Tensor4 [B, C, H, W]}. */
    public static Batcher<LabeledImage, ClassificationBatch<Tensor4>> nchw() {
        return (items, device) -> {
            LabeledImage first = items.get(0);
            Shape shape = Shape.of(items.size(), first.channels(), first.height(), first.width());
            Tensor4 inputs = Tensor4.from(TensorData.of(pixels(items), shape), device);
            return new ClassificationBatch<>(inputs, labels(items, device));
        };
    }

    private static float[] pixels(List<LabeledImage> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("ImageBatcher: a batch needs at least one image");
        }
        LabeledImage first = items.get(0);
        int per = first.pixels().length;
        float[] out = new float[items.size() * per];
        for (int i = 0; i < items.size(); i++) {
            LabeledImage image = items.get(i);
            if (image.channels() != first.channels() || image.height() != first.height() || image.width() != first.width()) {
                throw new IllegalArgumentException("ImageBatcher: image " + i + " of the batch is " + image.channels() + "x" + image.height() + "x"
                        + image.width() + ", expected " + first.channels() + "x" + first.height() + "x" + first.width() + " like the first");
            }
            System.arraycopy(image.pixels(), 0, out, i * per, per);
        }
        return out;
    }

    private static IntTensor1 labels(List<LabeledImage> items, Device device) {
        long[] labels = new long[items.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = items.get(i).label();
        }
        return IntTensor1.from(TensorData.of(labels, Shape.of(labels.length)), device);
    }
}
