package dev.burnj.samples.gan;

import dev.burnj.record.SafeTensors;
import dev.burnj.record.SafeTensorsReader;
import dev.burnj.record.TensorEntry;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Generated images exchanged as a safetensors file: one float32 tensor {@code [n, 784]} of 28×28 images in
 * {@code [-1, 1]} (a tanh generator's range), as {@code tools/reference/mnist_gan.py} writes them, so that samples
 * made elsewhere can be scored with this sample's {@link SampleQuality}.
 */
public final class SampleImages {
    /** The tensor name the reference script writes and the score command reads by default. */
    public static final String DEFAULT_TENSOR = "images";
    private static final int PIXELS = 28 * 28;

    private SampleImages() {}

    /**
     * The images of tensor {@code name} in {@code file}, one row per image; throws {@link IllegalArgumentException}
     * naming what was expected and what was found if the tensor is missing, not float32, not {@code [n, 784]} with
     * {@code n >= 2}, or has a value outside {@code [-1, 1]}.
     */
    public static float[][] read(Path file, String name) throws IOException {
        String expected = "a float32 tensor [n, " + PIXELS + "] of images in [-1, 1], n >= 2";
        try (SafeTensorsReader reader = SafeTensors.open(file)) {
            TensorEntry entry = reader.entry(name).orElseThrow(() -> new IllegalArgumentException(file + ": no tensor named '" + name
                    + "' (expected " + expected + "); the file has " + names(reader.entries())));
            Shape shape = entry.shape();
            if (entry.dtype() != DType.F32) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + entry.dtype() + " " + shape + ", expected " + expected);
            }
            if (shape.rank() != 2 || shape.dim(1) != PIXELS || shape.dim(0) < 2) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' has shape " + shape + ", expected " + expected);
            }
            float[] flat = reader.read(name).toFloats();
            int n = shape.dim(0);
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = Arrays.copyOfRange(flat, i * PIXELS, (i + 1) * PIXELS);
                for (int p = 0; p < PIXELS; p++) {
                    // NaN fails both comparisons' negation, so it is rejected too.
                    if (!(out[i][p] >= -1 && out[i][p] <= 1)) {
                        throw new IllegalArgumentException(file + ": tensor '" + name + "' image " + i + " pixel " + p + " is " + out[i][p]
                                + ", expected " + expected);
                    }
                }
            }
            return out;
        }
    }

    private static List<String> names(List<TensorEntry> entries) {
        return entries.stream().map(e -> e.name() + " " + e.dtype() + " " + e.shape()).toList();
    }
}
