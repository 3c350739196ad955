package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * The fused activation gradients of {@link dev.burnj.backend.ActivationOps} ({@code reluBackward} and friends) as one
 * pass over dense F32 operands of one shape — the case of every training step, where the saved activation and its
 * incoming gradient are fresh dense tensors. For anything else (F64 included) {@link #applies} is false and the
 * backend uses the SPI's composition. Each formula rounds as that composition does: one rounding per op, in the op
 * order.
 */
final class ActivationGradients {
    /** Relative cost per element, for {@link Parallel#forRange}. */
    private static final long COST = 2;

    /** One element's gradient from the saved value {@code y} and the incoming gradient {@code g}. */
    enum Kind {
        RELU, LEAKY_RELU, SIGMOID, TANH
    }

    private ActivationGradients() {}

    /** Whether the fused pass handles {@code saved} and {@code grad}. */
    static boolean applies(CpuTensor saved, CpuTensor grad) {
        return saved.dtype() == DType.F32 && grad.dtype() == DType.F32 && saved.shape().equals(grad.shape()) && saved.isContiguous()
                && grad.isContiguous();
    }

    static CpuTensor apply(Kind kind, CpuTensor saved, CpuTensor grad, double slope) {
        CpuTensor out = saved.allocateLike(saved.shape(), saved.dtype());
        long y = saved.address();
        long g = grad.address();
        long o = out.address();
        Parallel.forRange(saved.numel(), COST, (from, to) -> floats(kind, y, g, o, from, to, (float) slope));
        return out;
    }

    private static void floats(Kind kind, long y, long g, long o, long from, long to, float slope) {
        switch (kind) {
            case RELU -> SignMasks.zeroAtMostZero(y + (from << 2), g + (from << 2), o + (from << 2), to - from);
            case LEAKY_RELU -> SignMasks.leaky(y + (from << 2), g + (from << 2), o + (from << 2), to - from, slope, true);
            case SIGMOID -> {
                for (long i = from; i < to; i++) {
                    long at = i << 2;
                    float s = NativeMemory.getFloat(y + at);
                    NativeMemory.putFloat(o + at, NativeMemory.getFloat(g + at) * (s * (1f - s)));
                }
            }
            case TANH -> {
                for (long i = from; i < to; i++) {
                    long at = i << 2;
                    float t = NativeMemory.getFloat(y + at);
                    NativeMemory.putFloat(o + at, NativeMemory.getFloat(g + at) * (1f - t * t));
                }
            }
        }
    }
}
