package dev.burnj.backend;

/** Resampling for {@code interpolate}: PyTorch's {@code nearest} and {@code bilinear} with {@code align_corners=false}. */
public enum InterpolateMode {
    NEAREST,
    BILINEAR
}
