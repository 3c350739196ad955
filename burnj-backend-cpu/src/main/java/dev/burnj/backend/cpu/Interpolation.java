package dev.burnj.backend.cpu;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.tensor.Shape;

/**
 * Nearest and bilinear resizing of the two spatial dims of {@code [N, C, H, W]} float tensors, and its gradient.
 * Inputs are made dense first and the {@code (n, c)} planes, being independent, split across threads; the taps of
 * each axis come precomputed from {@link InterpAxis}. Sums, forward and backward, run in double and round once to
 * the dtype.
 */
final class Interpolation {
    private final Transfers transfers;

    Interpolation(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor interpolate(CpuTensor input, int outHeight, int outWidth, InterpolateMode mode) {
        int[] d = planes("interpolate", input);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("interpolate: output size must be positive, got " + outHeight + "x" + outWidth);
        }
        InterpAxis rows = InterpAxis.of(d[2], outHeight, mode);
        InterpAxis cols = InterpAxis.of(d[3], outWidth, mode);
        CpuTensor x = transfers.contiguous(input);
        try {
            CpuTensor out = x.allocateLike(Shape.of(d[0], d[1], outHeight, outWidth), x.dtype());
            boolean f64 = PoolFloats.isDouble(x.dtype());
            long xa = x.address();
            long oa = out.address();
            Parallel.forRange((long) d[0] * d[1], (long) outHeight * outWidth * rows.taps * cols.taps,
                    (p0, p1) -> resample(f64, xa, oa, rows, cols, p0, p1));
            return out;
        } finally {
            x.release();
        }
    }

    CpuTensor interpolateBackward(CpuTensor input, CpuTensor outputGrad, InterpolateMode mode) {
        int[] d = planes("interpolateBackward", input);
        Shape gs = outputGrad.shape();
        if (gs.rank() != 4 || gs.dim(0) != d[0] || gs.dim(1) != d[1] || outputGrad.dtype() != input.dtype()) {
            throw new IllegalArgumentException("interpolateBackward: expected a " + input.dtype() + " gradient [" + d[0] + ", " + d[1]
                    + ", outH, outW], got " + gs + " " + outputGrad.dtype());
        }
        InterpAxis rows = InterpAxis.of(d[2], gs.dim(2), mode);
        InterpAxis cols = InterpAxis.of(d[3], gs.dim(3), mode);
        CpuTensor g = transfers.contiguous(outputGrad);
        try {
            CpuTensor out = input.allocateLike(input.shape(), input.dtype());
            boolean f64 = PoolFloats.isDouble(input.dtype());
            long ga = g.address();
            long oa = out.address();
            Parallel.forRange((long) d[0] * d[1], (long) d[2] * d[3] + (long) gs.dim(2) * gs.dim(3) * rows.taps * cols.taps,
                    (p0, p1) -> scatter(f64, ga, oa, rows, cols, p0, p1));
            return out;
        } finally {
            g.release();
        }
    }

    private static void resample(boolean f64, long x, long out, InterpAxis rows, InterpAxis cols, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int w = cols.in;
        long inPlane = (long) rows.in * w;
        long o = p0 * rows.out * cols.out;
        for (long p = p0; p < p1; p++) {
            long plane = x + p * inPlane * size;
            for (int oy = 0; oy < rows.out; oy++) {
                for (int ox = 0; ox < cols.out; ox++, o++) {
                    double sum = 0;
                    for (int a = oy * rows.taps; a < (oy + 1) * rows.taps; a++) {
                        long row = plane + (long) rows.index[a] * w * size;
                        for (int b = ox * cols.taps; b < (ox + 1) * cols.taps; b++) {
                            sum += rows.weight[a] * cols.weight[b] * PoolFloats.get(f64, row + (long) cols.index[b] * size);
                        }
                    }
                    PoolFloats.put(f64, out + o * size, sum);
                }
            }
        }
    }

    /** Adds every output gradient, weighted, at the taps it was blended from, summing each plane in double. */
    private static void scatter(boolean f64, long g, long out, InterpAxis rows, InterpAxis cols, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int w = cols.in;
        int inPlane = rows.in * w;
        long o = p0 * rows.out * cols.out;
        for (long p = p0; p < p1; p++) {
            double[] sums = PoolFloats.sums(inPlane);
            for (int oy = 0; oy < rows.out; oy++) {
                for (int ox = 0; ox < cols.out; ox++, o++) {
                    double grad = PoolFloats.get(f64, g + o * size);
                    for (int a = oy * rows.taps; a < (oy + 1) * rows.taps; a++) {
                        int row = rows.index[a] * w;
                        for (int b = ox * cols.taps; b < (ox + 1) * cols.taps; b++) {
                            sums[row + cols.index[b]] += rows.weight[a] * cols.weight[b] * grad;
                        }
                    }
                }
            }
            PoolFloats.putAll(f64, out + p * inPlane * size, sums, inPlane);
        }
    }

    private static int[] planes(String op, CpuTensor input) {
        if (input.shape().rank() != 4 || !input.dtype().isFloat() || input.shape().dim(2) == 0 || input.shape().dim(3) == 0) {
            throw new IllegalArgumentException(op + ": expected a float [N, C, H, W] input with H, W > 0, got " + input.shape() + " "
                    + input.dtype());
        }
        return input.dims();
    }
}
