package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * The per-channel bias of a convolution done outside oneDNN: adding it to every position of its channel, and its
 * gradient, the sum of the output gradient over batch and positions. oneDNN's own convolution primitives handle the
 * bias where they can; these serve the transposed convolution (computed as a backward-data pass, which has no bias)
 * and the Java path.
 */
final class ConvBias {
    private ConvBias() {}

    /** Adds {@code bias[c]} to every element of channel {@code c} of the dense {@code [n, c, ...]} tensor {@code out}. */
    static void add(CpuTensor out, CpuTensor bias) {
        int[] d = out.dims();
        int channels = d[1];
        long plane = out.numel() / Math.max(1, (long) d[0] * channels);
        long size = out.itemSize();
        DType dtype = out.dtype();
        long o = out.address();
        long b = bias.address();
        Parallel.forRange((long) d[0] * channels, plane, (from, to) -> {
            for (long task = from; task < to; task++) {
                long p = o + task * plane * size;
                long bias0 = b + task % channels * size;
                if (dtype == DType.F32) {
                    float v = NativeMemory.getFloat(bias0);
                    for (long i = 0; i < plane; i++) {
                        NativeMemory.putFloat(p + (i << 2), NativeMemory.getFloat(p + (i << 2)) + v);
                    }
                } else if (dtype == DType.F64) {
                    double v = NativeMemory.getDouble(bias0);
                    for (long i = 0; i < plane; i++) {
                        NativeMemory.putDouble(p + (i << 3), NativeMemory.getDouble(p + (i << 3)) + v);
                    }
                } else {
                    double v = Access.getDouble(dtype, bias0);
                    for (long i = 0; i < plane; i++) {
                        Access.putDouble(dtype, p + i * size, Access.getDouble(dtype, p + i * size) + v);
                    }
                }
            }
        });
    }

    /** Writes into {@code grad} ({@code [c]}) the sum over batch and positions of each channel of the dense {@code outputGrad}. */
    static void gradient(CpuTensor outputGrad, CpuTensor grad) {
        int[] d = outputGrad.dims();
        int batch = d[0];
        int channels = d[1];
        long plane = outputGrad.numel() / Math.max(1, (long) batch * channels);
        long size = outputGrad.itemSize();
        DType dtype = outputGrad.dtype();
        long g = outputGrad.address();
        long out = grad.address();
        Parallel.forRange(channels, batch * plane, (from, to) -> {
            for (long c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    long p = g + ((long) n * channels + c) * plane * size;
                    if (dtype == DType.F32) {
                        for (long i = 0; i < plane; i++) {
                            sum += NativeMemory.getFloat(p + (i << 2));
                        }
                    } else if (dtype == DType.F64) {
                        for (long i = 0; i < plane; i++) {
                            sum += NativeMemory.getDouble(p + (i << 3));
                        }
                    } else {
                        for (long i = 0; i < plane; i++) {
                            sum += Access.getDouble(dtype, p + i * size);
                        }
                    }
                }
                Access.putDouble(grad.dtype(), out + c * grad.itemSize(), sum);
            }
        });
    }
}
