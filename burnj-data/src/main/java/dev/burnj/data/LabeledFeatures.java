package dev.burnj.data;

/**
 * A feature vector with its class, e.g. a row of a table or a flattened image. The array is not copied.
 *
 * @param features the feature values
 * @param label the class index
 */
public record LabeledFeatures(float[] features, int label) {
    /** The features read as a {@code channels × height × width} image (CHW order). */
    public LabeledImage toImage(int channels, int height, int width) {
        return new LabeledImage(features, channels, height, width, label);
    }
}
