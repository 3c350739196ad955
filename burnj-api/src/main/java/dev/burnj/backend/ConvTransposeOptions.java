package dev.burnj.backend;

import java.util.Arrays;

/** Options of a transposed convolution, with PyTorch's meaning (including {@code output_padding}). */
public record ConvTransposeOptions(int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups) {
    public ConvTransposeOptions {
        stride = stride.clone();
        padding = padding.clone();
        outputPadding = outputPadding.clone();
        dilation = dilation.clone();
        int n = stride.length;
        if (padding.length != n || outputPadding.length != n || dilation.length != n) {
            throw new IllegalArgumentException("conv transpose options need one entry per spatial dim in every array");
        }
        for (int i = 0; i < n; i++) {
            if (stride[i] < 1 || dilation[i] < 1 || padding[i] < 0 || outputPadding[i] < 0
                    || outputPadding[i] >= Math.max(stride[i], dilation[i])) {
                throw new IllegalArgumentException("conv transpose options: invalid stride " + Arrays.toString(stride) + ", padding "
                        + Arrays.toString(padding) + ", output padding " + Arrays.toString(outputPadding) + ", dilation "
                        + Arrays.toString(dilation) + " (output padding must be smaller than stride or dilation)");
            }
        }
        if (groups < 1) {
            throw new IllegalArgumentException("conv transpose options: groups must be >= 1, got " + groups);
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static ConvTransposeOptions defaults(int dims) {
        int[] ones = new int[dims];
        Arrays.fill(ones, 1);
        return new ConvTransposeOptions(ones, new int[dims], new int[dims], ones, 1);
    }

    /** Output size along spatial dim {@code i}. */
    public int outputSize(int i, int in, int kernel) {
        return (in - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel - 1) + outputPadding[i] + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvTransposeOptions c && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding)
                && Arrays.equals(outputPadding, c.outputPadding) && Arrays.equals(dilation, c.dilation) && groups == c.groups;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stride) * 31 + Arrays.hashCode(padding) * 17 + Arrays.hashCode(outputPadding) * 7
                + Arrays.hashCode(dilation) + groups;
    }

    @Override
    public String toString() {
        return "ConvTransposeOptions[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", outputPadding="
                + Arrays.toString(outputPadding) + ", dilation=" + Arrays.toString(dilation) + ", groups=" + groups + "]";
    }
}
