package dev.burnj.data;

/**
 * An image with its class: {@code channels × height × width} floats in channel-major (CHW) order, usually in
 * {@code [0, 1]} before normalisation. The array is not copied; transforms return new images instead of writing to it.
 *
 * @param pixels the CHW pixel values, {@code channels * height * width} of them
 * @param channels the number of channels (1 for grey, 3 for RGB)
 * @param height the image height
 * @param width the image width
 * @param label the class index
 */
public record LabeledImage(float[] pixels, int channels, int height, int width, int label) {
    public LabeledImage {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("LabeledImage: channels, height and width must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("LabeledImage: " + channels + "x" + height + "x" + width + " needs " + channels * height * width
                    + " pixels, got " + pixels.length);
        }
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float at(int c, int y, int x) {
        return pixels[(c * height + y) * width + x];
    }

    /** The same label with other pixels of the same layout. */
    public LabeledImage withPixels(float[] newPixels) {
        return new LabeledImage(newPixels, channels, height, width, label);
    }
}
