package dev.burnj.backend;

import java.util.Arrays;

/**
 * Options of a pooling window over {@code n} spatial dims, with PyTorch's meaning. Padding is implicit
 * negative infinity for max pooling and zero for average pooling; {@code countIncludePad} decides whether
 * average pooling divides by the full window or only the in-bounds part.
 */
public record PoolOptions(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode, boolean countIncludePad) {
    public PoolOptions {
        kernel = kernel.clone();
        stride = stride.clone();
        padding = padding.clone();
        dilation = dilation.clone();
        int n = kernel.length;
        if (stride.length != n || padding.length != n || dilation.length != n) {
            throw new IllegalArgumentException("pool options need one entry per spatial dim in every array");
        }
        for (int i = 0; i < n; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || dilation[i] < 1 || padding[i] < 0 || padding[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException("pool options: invalid kernel " + Arrays.toString(kernel) + ", stride "
                        + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + " (padding must be at most half the kernel)");
            }
        }
    }

    /** Kernel {@code k}, stride {@code k}, no padding, over {@code dims} spatial dims. */
    public static PoolOptions of(int dims, int k) {
        int[] ks = new int[dims];
        int[] ones = new int[dims];
        Arrays.fill(ks, k);
        Arrays.fill(ones, 1);
        return new PoolOptions(ks, ks, new int[dims], ones, false, true);
    }

    /** Output size along spatial dim {@code i} for input size {@code in}, PyTorch's formula. */
    public int outputSize(int i, int in) {
        int effective = dilation[i] * (kernel[i] - 1) + 1;
        int numerator = in + 2 * padding[i] - effective;
        int out = (ceilMode ? Math.floorDiv(numerator + stride[i] - 1, stride[i]) : Math.floorDiv(numerator, stride[i])) + 1;
        // In ceil mode the last window must start inside the input or the left padding.
        if (ceilMode && (out - 1) * stride[i] >= in + padding[i]) {
            out--;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolOptions p && Arrays.equals(kernel, p.kernel) && Arrays.equals(stride, p.stride)
                && Arrays.equals(padding, p.padding) && Arrays.equals(dilation, p.dilation) && ceilMode == p.ceilMode
                && countIncludePad == p.countIncludePad;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kernel) * 31 + Arrays.hashCode(stride) * 17 + Arrays.hashCode(padding) * 7 + Arrays.hashCode(dilation)
                + (ceilMode ? 1 : 0) + (countIncludePad ? 2 : 0);
    }

    @Override
    public String toString() {
        return "PoolOptions[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation) + ", ceilMode=" + ceilMode
                + ", countIncludePad=" + countIncludePad + "]";
    }
}
