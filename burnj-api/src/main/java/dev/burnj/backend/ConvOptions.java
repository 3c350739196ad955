package dev.burnj.backend;

import java.util.Arrays;

/**
 * Options of a convolution over {@code n} spatial dims (one entry per dim in each array), with PyTorch's
 * meaning: symmetric zero padding, dilation of the kernel, and {@code groups} channel groups.
 */
public record ConvOptions(int[] stride, int[] padding, int[] dilation, int groups) {
    public ConvOptions {
        stride = stride.clone();
        padding = padding.clone();
        dilation = dilation.clone();
        if (stride.length != padding.length || stride.length != dilation.length) {
            throw new IllegalArgumentException("conv options: stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding)
                    + " and dilation " + Arrays.toString(dilation) + " must have one entry per spatial dim");
        }
        for (int i = 0; i < stride.length; i++) {
            if (stride[i] < 1 || dilation[i] < 1 || padding[i] < 0) {
                throw new IllegalArgumentException("conv options: stride and dilation must be >= 1 and padding >= 0, got stride "
                        + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation));
            }
        }
        if (groups < 1) {
            throw new IllegalArgumentException("conv options: groups must be >= 1, got " + groups);
        }
    }

    /** Stride 1, no padding, no dilation, one group, over {@code dims} spatial dims. */
    public static ConvOptions defaults(int dims) {
        int[] ones = new int[dims];
        Arrays.fill(ones, 1);
        return new ConvOptions(ones, new int[dims], ones, 1);
    }

    /** Output size along spatial dim {@code i} for input size {@code in} and kernel size {@code kernel}. */
    public int outputSize(int i, int in, int kernel) {
        return (in + 2 * padding[i] - dilation[i] * (kernel - 1) - 1) / stride[i] + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvOptions c && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding)
                && Arrays.equals(dilation, c.dilation) && groups == c.groups;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stride) * 31 + Arrays.hashCode(padding) * 17 + Arrays.hashCode(dilation) + groups;
    }

    @Override
    public String toString() {
        return "ConvOptions[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dilation="
                + Arrays.toString(dilation) + ", groups=" + groups + "]";
    }
}
