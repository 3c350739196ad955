package dev.burnj.backend.cpu;

/**
 * The pooling windows along one spatial axis, clipped to the input: output position {@code o} reads the input
 * positions {@code start[o] + k * step} for {@code k < count[o]}, and contributes the factor {@code divisor[o]} to an
 * average's divisor (the divisor of a 2-D window is the product of its two axes' factors). Max, average and adaptive
 * pooling all run over these tables, so the kernels never test a tap for being out of bounds.
 */
final class PoolAxis {
    final int in;
    final int out;
    final int step;
    final int[] start;
    final int[] count;
    final int[] divisor;

    private PoolAxis(int in, int out, int step) {
        this.in = in;
        this.out = out;
        this.step = step;
        this.start = new int[out];
        this.count = new int[out];
        this.divisor = new int[out];
    }

    /**
     * A sliding window of {@code kernel} taps {@code dilation} apart, moved by {@code stride}, over an input padded by
     * {@code padding} on both sides. With {@code countPadding} the divisor counts the taps inside the padded input (as
     * PyTorch does, so the part of a ceil-mode window beyond the padding is not counted), otherwise only those inside
     * the input.
     */
    static PoolAxis sliding(int in, int out, int kernel, int stride, int padding, int dilation, boolean countPadding) {
        PoolAxis a = new PoolAxis(in, out, dilation);
        for (int o = 0; o < out; o++) {
            int first = o * stride - padding;
            // Taps k with 0 <= first + k * dilation < in, and those below in + padding for the padded count.
            int lo = Math.max(0, ceilDiv(-first, dilation));
            int hi = Math.min(kernel, ceilDiv(in - first, dilation));
            int padded = Math.min(kernel, ceilDiv(in + padding - first, dilation));
            a.start[o] = first + lo * dilation;
            a.count[o] = Math.max(0, hi - lo);
            a.divisor[o] = countPadding ? padded : a.count[o];
        }
        return a;
    }

    /** PyTorch's adaptive windows: output {@code o} averages inputs {@code floor(o*in/out)} to {@code ceil((o+1)*in/out)}. */
    static PoolAxis adaptive(int in, int out) {
        PoolAxis a = new PoolAxis(in, out, 1);
        for (int o = 0; o < out; o++) {
            int lo = (int) ((long) o * in / out);
            int hi = (int) -Math.floorDiv(-(long) (o + 1) * in, (long) out);
            a.start[o] = lo;
            a.count[o] = hi - lo;
            a.divisor[o] = hi - lo;
        }
        return a;
    }

    /** The most taps any window has, for estimating a kernel's cost. */
    int maxCount() {
        int m = 0;
        for (int c : count) {
            m = Math.max(m, c);
        }
        return m;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
