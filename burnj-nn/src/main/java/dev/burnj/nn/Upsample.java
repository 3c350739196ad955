package dev.burnj.nn;

import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Tensor4;

/**
 * Resizes the spatial dims of {@code [N, C, H, W]} by nearest or bilinear interpolation (PyTorch's {@code nn.Upsample},
 * {@code align_corners=False}). With a scale factor the output is {@code floor(H·scale) x floor(W·scale)} and sampling
 * uses the ratio of input to output size; PyTorch uses {@code 1/scale} instead, which is the same whenever
 * {@code H·scale} is a whole number.
 */
public final class Upsample extends Module {
    private final UpsampleConfig config;

    Upsample(UpsampleConfig config) {
        this.config = config;
    }

    public UpsampleConfig config() {
        return config;
    }

    public Tensor4 forward(Tensor4 input) {
        int height = config.height() != null ? config.height() : scaled(input.dim(2));
        int width = config.width() != null ? config.width() : scaled(input.dim(3));
        return Functional.interpolate(input, height, width, config.mode());
    }

    private int scaled(int size) {
        int out = (int) Math.floor(size * config.scaleFactor());
        if (out < 1) {
            throw new IllegalArgumentException("Upsample: scale " + config.scaleFactor() + " makes size " + size + " empty");
        }
        return out;
    }
}
