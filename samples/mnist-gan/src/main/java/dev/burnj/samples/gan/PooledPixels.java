package dev.burnj.samples.gan;

/**
 * A cheap feature extractor for a Fréchet distance without a trained network: each square image average-pooled in
 * {@code factor × factor} blocks (28×28 with factor 4 gives 49 features). It sees brightness and coarse shape only,
 * so it ranks generators by how well they match the data's layout, not its fine detail.
 */
public final class PooledPixels {
    private PooledPixels() {}

    /** The pooled features of each {@code side × side} image; {@code factor} must divide {@code side}. */
    public static double[][] features(float[][] images, int side, int factor) {
        if (factor < 1 || side % factor != 0) {
            throw new IllegalArgumentException("PooledPixels: the pool factor must divide the image side " + side + ", got " + factor);
        }
        int cells = side / factor;
        double[][] out = new double[images.length][cells * cells];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != side * side) {
                throw new IllegalArgumentException("PooledPixels: image " + i + " has " + images[i].length + " pixels, expected " + side * side);
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[i][(y / factor) * cells + x / factor] += images[i][y * side + x];
                }
            }
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] /= factor * factor;
            }
        }
        return out;
    }
}
