package dev.burnj.backend.cpu;

import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import java.util.Arrays;

/**
 * One convolution problem in oneDNN's terms: a source {@code [n, inC, inH, inW]} convolved by weights
 * {@code [outC, inC/groups, kH, kW]} into a destination {@code [n, outC, outH, outW]}, with top/left padding
 * {@code padH, padW} and dilation as a factor (1 = none). A transposed convolution is the adjoint of such a problem
 * whose source is the transposed convolution's output, so both share this description, and the cache key of their
 * primitives.
 */
record ConvGeometry(int n, int inC, int inH, int inW, int outC, int outH, int outW, int kH, int kW, int strideH, int strideW,
        int padH, int padW, int dilationH, int dilationW, int groups) {

    /** The problem of {@code conv2d(input, weight)}: the input is the source. */
    static ConvGeometry of(int[] input, int[] weight, ConvOptions o) {
        check(input, weight);
        int groups = o.groups();
        if (input[1] != weight[1] * groups || weight[0] % groups != 0) {
            throw new IllegalArgumentException("cpu conv2d: input " + Arrays.toString(input) + " and weight "
                    + Arrays.toString(weight) + " do not match " + groups + " group(s)");
        }
        int outH = o.outputSize(0, input[2], weight[2]);
        int outW = o.outputSize(1, input[3], weight[3]);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("cpu conv2d: the kernel " + weight[2] + "x" + weight[3] + " does not fit the padded input "
                    + input[2] + "x" + input[3] + " with " + o);
        }
        return new ConvGeometry(input[0], input[1], input[2], input[3], weight[0], outH, outW, weight[2], weight[3], o.stride()[0],
                o.stride()[1], o.padding()[0], o.padding()[1], o.dilation()[0], o.dilation()[1], groups);
    }

    /**
     * The problem whose backward-data pass is {@code convTranspose2d(input, weight)}: its source has the transposed
     * output's shape and its destination the transposed input's; the weight {@code [in, out/groups, kH, kW]} is read as
     * that convolution's {@code [outC, inC/groups, kH, kW]}.
     */
    static ConvGeometry ofTransposed(int[] input, int[] weight, ConvTransposeOptions o) {
        check(input, weight);
        int groups = o.groups();
        if (input[1] != weight[0] || weight[0] % groups != 0) {
            throw new IllegalArgumentException("cpu convTranspose2d: input " + Arrays.toString(input) + " and weight "
                    + Arrays.toString(weight) + " do not match " + groups + " group(s)");
        }
        int outH = o.outputSize(0, input[2], weight[2]);
        int outW = o.outputSize(1, input[3], weight[3]);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("cpu convTranspose2d: empty output " + outH + "x" + outW + " with " + o);
        }
        return new ConvGeometry(input[0], weight[1] * groups, outH, outW, input[1], input[2], input[3], weight[2], weight[3],
                o.stride()[0], o.stride()[1], o.padding()[0], o.padding()[1], o.dilation()[0], o.dilation()[1], groups);
    }

    private static void check(int[] input, int[] weight) {
        if (input.length != 4 || weight.length != 4) {
            throw new IllegalArgumentException("cpu conv: input and weight must be 4-D, got " + Arrays.toString(input) + " and "
                    + Arrays.toString(weight));
        }
    }

    int inGroupC() {
        return inC / groups;
    }

    int outGroupC() {
        return outC / groups;
    }

    /** Whether some tensor of the problem has no elements (oneDNN rejects zero dims; the Java loops handle them). */
    boolean isEmpty() {
        return (long) n * inC * inH * inW == 0 || (long) outC * outH * outW == 0 || kH * kW == 0;
    }

    /** The same problem on {@code images} images of the batch. */
    ConvGeometry withBatch(int images) {
        return new ConvGeometry(images, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, groups);
    }

    /** Elements of one image of the source. */
    long srcImage() {
        return (long) inC * inH * inW;
    }

    /** Elements of one image of the destination. */
    long dstImage() {
        return (long) outC * outH * outW;
    }

    /** Multiply-adds of one pass. */
    long work() {
        return (long) n * outC * outH * outW * (inC / groups) * kH * kW;
    }

    long[] srcDims() {
        return new long[] {n, inC, inH, inW};
    }

    long[] dstDims() {
        return new long[] {n, outC, outH, outW};
    }

    /** Plain weight dims: {@code [outC, inC, kH, kW]}, or {@code [groups, outC/g, inC/g, kH, kW]} with groups. */
    long[] weightDims() {
        return groups == 1 ? new long[] {outC, inC, kH, kW} : new long[] {groups, outGroupC(), inGroupC(), kH, kW};
    }

    /** Elements of the weights: {@code outC * inC/groups * kH * kW}. */
    long weightCount() {
        return (long) outC * (inC / groups) * kH * kW;
    }

    /**
     * Bottom/right padding for oneDNN, which wants {@code (in - kernelSpan + padTop + padBottom) / stride + 1 == out}
     * and {@code padBottom > -stride}. Symmetric padding satisfies that for a convolution; the adjoint of a transposed
     * convolution with output padding may need less (the extra rows only get the bias). Null when no value fits.
     */
    long[] padEnd() {
        long h = padEnd(inH, outH, kH, strideH, padH, dilationH);
        long w = padEnd(inW, outW, kW, strideW, padW, dilationW);
        return h <= -strideH || w <= -strideW ? null : new long[] {h, w};
    }

    private static long padEnd(int in, int out, int k, int stride, int pad, int dilation) {
        long span = (long) dilation * (k - 1) + 1;
        long least = (long) (out - 1) * stride + span - in - pad;
        return Math.max(least, Math.min(pad, least + stride - 1));
    }
}
