package dev.burnj.backend.cpu;

import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Max, average and adaptive average pooling of {@code [N, C, H, W]} float tensors, forward and backward. Inputs are
 * made dense first, so a kernel walks plane after plane of {@code H * W} elements; the planes are independent, which
 * lets large inputs split over them across threads. The windows come clipped to the input from {@link PoolAxis}.
 * Averages and their gradients sum in double and round once to the dtype. Max pooling with a 2x2 stride-2 window
 * over F32 (the CNN's) has a kernel of its own.
 */
final class Pooling {
    private final Transfers transfers;

    Pooling(Transfers transfers) {
        this.transfers = transfers;
    }

    MaxPoolResult maxPool(CpuTensor input, PoolOptions options) {
        int[] d = planes("maxPool2d", input);
        PoolAxis rows = sliding(options, 0, d[2]);
        PoolAxis cols = sliding(options, 1, d[3]);
        Shape shape = Shape.of(d[0], d[1], rows.out, cols.out);
        CpuTensor x = transfers.contiguous(input);
        try {
            CpuTensor values = x.allocateLike(shape, x.dtype());
            CpuTensor indices;
            try {
                indices = x.allocateLike(shape, DType.I64);
            } catch (RuntimeException | Error e) {
                values.release();
                throw e;
            }
            boolean f64 = PoolFloats.isDouble(x.dtype());
            long xa = x.address();
            long va = values.address();
            long ia = indices.address();
            boolean halve = !f64 && isHalving(options) && 2 * rows.out <= rows.in && 2 * cols.out <= cols.in;
            Parallel.forRange((long) d[0] * d[1], (long) rows.out * cols.out * rows.maxCount() * cols.maxCount(), (p0, p1) -> {
                if (halve) {
                    maxHalvingF32(xa, va, ia, rows.in, cols.in, rows.out, cols.out, p0, p1);
                } else {
                    maxPlanes(f64, xa, va, ia, rows, cols, p0, p1);
                }
            });
            return new MaxPoolResult(values, indices);
        } finally {
            x.release();
        }
    }

    CpuTensor maxPoolBackward(CpuTensor input, PoolOptions options, CpuTensor outputGrad, CpuTensor indices) {
        int[] d = planes("maxPool2dBackward", input);
        checkGrad("maxPool2dBackward", input, outputGrad, sliding(options, 0, d[2]).out, sliding(options, 1, d[3]).out);
        if (!indices.shape().equals(outputGrad.shape()) || (indices.dtype() != DType.I64 && indices.dtype() != DType.I32)) {
            throw new IllegalArgumentException("maxPool2dBackward: expected I64 indices of the output gradient's shape " + outputGrad.shape()
                    + ", got " + indices.shape() + " " + indices.dtype());
        }
        int inPlane = d[2] * d[3];
        int outPlane = outputGrad.shape().dim(2) * outputGrad.shape().dim(3);
        CpuTensor g = transfers.contiguous(outputGrad);
        try {
            CpuTensor idx = transfers.contiguous(indices);
            try {
                CpuTensor out = input.allocateLike(input.shape(), input.dtype());
                boolean f64 = PoolFloats.isDouble(input.dtype());
                DType it = idx.dtype();
                long ga = g.address();
                long ia = idx.address();
                long oa = out.address();
                try {
                    Parallel.forRange((long) d[0] * d[1], inPlane + outPlane, (p0, p1) -> routeMax(f64, it, ga, ia, oa, inPlane, outPlane, p0, p1));
                } catch (RuntimeException | Error e) {
                    out.release();
                    throw e;
                }
                return out;
            } finally {
                idx.release();
            }
        } finally {
            g.release();
        }
    }

    CpuTensor avgPool(CpuTensor input, PoolOptions options) {
        int[] d = planes("avgPool2d", input);
        return average(input, sliding(options, 0, d[2]), sliding(options, 1, d[3]));
    }

    CpuTensor avgPoolBackward(CpuTensor input, PoolOptions options, CpuTensor outputGrad) {
        int[] d = planes("avgPool2dBackward", input);
        PoolAxis rows = sliding(options, 0, d[2]);
        PoolAxis cols = sliding(options, 1, d[3]);
        checkGrad("avgPool2dBackward", input, outputGrad, rows.out, cols.out);
        return spread(input, outputGrad, rows, cols);
    }

    CpuTensor adaptiveAvgPool(CpuTensor input, int outHeight, int outWidth) {
        int[] d = planes("adaptiveAvgPool2d", input);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be positive, got " + outHeight + "x" + outWidth);
        }
        return average(input, PoolAxis.adaptive(d[2], outHeight), PoolAxis.adaptive(d[3], outWidth));
    }

    CpuTensor adaptiveAvgPoolBackward(CpuTensor input, CpuTensor outputGrad) {
        int[] d = planes("adaptiveAvgPool2dBackward", input);
        if (outputGrad.shape().rank() != 4) {
            throw new IllegalArgumentException("adaptiveAvgPool2dBackward: expected a [N, C, outH, outW] gradient, got " + outputGrad.shape());
        }
        int oh = outputGrad.shape().dim(2);
        int ow = outputGrad.shape().dim(3);
        checkGrad("adaptiveAvgPool2dBackward", input, outputGrad, oh, ow);
        return spread(input, outputGrad, PoolAxis.adaptive(d[2], oh), PoolAxis.adaptive(d[3], ow));
    }

    /** Average pooling over the windows of {@code rows} and {@code cols}. */
    private CpuTensor average(CpuTensor input, PoolAxis rows, PoolAxis cols) {
        int[] d = input.dims();
        CpuTensor x = transfers.contiguous(input);
        try {
            CpuTensor out = x.allocateLike(Shape.of(d[0], d[1], rows.out, cols.out), x.dtype());
            boolean f64 = PoolFloats.isDouble(x.dtype());
            long xa = x.address();
            long oa = out.address();
            Parallel.forRange((long) d[0] * d[1], (long) rows.out * cols.out * rows.maxCount() * cols.maxCount(),
                    (p0, p1) -> averagePlanes(f64, xa, oa, rows, cols, p0, p1));
            return out;
        } finally {
            x.release();
        }
    }

    /** The gradient of {@link #average}: each output gradient spread evenly over its window. */
    private CpuTensor spread(CpuTensor input, CpuTensor outputGrad, PoolAxis rows, PoolAxis cols) {
        int[] d = input.dims();
        CpuTensor g = transfers.contiguous(outputGrad);
        try {
            CpuTensor out = input.allocateLike(input.shape(), input.dtype());
            boolean f64 = PoolFloats.isDouble(input.dtype());
            long ga = g.address();
            long oa = out.address();
            Parallel.forRange((long) d[0] * d[1], (long) rows.in * cols.in + (long) rows.out * cols.out * rows.maxCount() * cols.maxCount(),
                    (p0, p1) -> spreadPlanes(f64, ga, oa, rows, cols, p0, p1));
            return out;
        } finally {
            g.release();
        }
    }

    private static void maxPlanes(boolean f64, long x, long values, long indices, PoolAxis rows, PoolAxis cols, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int w = cols.in;
        long inPlane = (long) rows.in * w;
        long o = p0 * rows.out * cols.out;
        for (long p = p0; p < p1; p++) {
            long plane = x + p * inPlane * size;
            for (int oy = 0; oy < rows.out; oy++) {
                for (int ox = 0; ox < cols.out; ox++, o++) {
                    int arg = argmax(f64, plane, w, rows, oy, cols, ox);
                    double best = arg < 0 ? Double.NEGATIVE_INFINITY : PoolFloats.get(f64, plane + (long) arg * size);
                    PoolFloats.put(f64, values + o * size, best);
                    NativeMemory.putLong(indices + (o << 3), arg);
                }
            }
        }
    }

    /**
     * The plane index of the first maximum in window {@code (oy, ox)}, -1 for an empty window. The maximum comes first
     * from {@code Math.max}, whose code has no branch to mispredict, then the first tap equal to it; a window whose
     * maximum is NaN takes the first tap unless a later one is strictly larger, as the reference does.
     */
    private static int argmax(boolean f64, long plane, int w, PoolAxis rows, int oy, PoolAxis cols, int ox) {
        int size = f64 ? 8 : 4;
        int y0 = rows.start[oy];
        int ny = rows.count[oy];
        int sy = rows.step * w;
        int x0 = cols.start[ox];
        int nx = cols.count[ox];
        int sx = cols.step;
        if (ny == 0 || nx == 0) {
            return -1;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int ky = 0, row = y0 * w + x0; ky < ny; ky++, row += sy) {
            for (int kx = 0, at = row; kx < nx; kx++, at += sx) {
                max = Math.max(max, PoolFloats.get(f64, plane + (long) at * size));
            }
        }
        boolean nan = max != max;
        double best = Double.NaN;
        int arg = -1;
        for (int ky = 0, row = y0 * w + x0; ky < ny; ky++, row += sy) {
            for (int kx = 0, at = row; kx < nx; kx++, at += sx) {
                double v = PoolFloats.get(f64, plane + (long) at * size);
                if (!nan && v == max) {
                    return at;
                }
                if (nan && (arg < 0 || v > best)) {
                    best = v;
                    arg = at;
                }
            }
        }
        return arg;
    }

    /** Whether the window is 2x2, stride 2, unpadded and undilated: every output reads one 2x2 block. */
    private static boolean isHalving(PoolOptions o) {
        for (int i = 0; i < 2; i++) {
            if (o.kernel()[i] != 2 || o.stride()[i] != 2 || o.padding()[i] != 0 || o.dilation()[i] != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Max pooling of F32 planes by 2x2 blocks that all lie inside the input. Random data makes "which of the four is
     * largest" unpredictable, so the maximum comes from {@code Math.max} and the index from selects the JIT compiles to
     * conditional moves, not branches. A zero maximum is re-read at the index, since {@code Math.max} prefers +0 where
     * the first of two zeros wins; a block holding a NaN (whose maximum is NaN) takes the exact rule of the reference.
     */
    private static void maxHalvingF32(long x, long values, long indices, int h, int w, int oh, int ow, long p0, long p1) {
        long inPlane = (long) h * w;
        long outPlane = (long) oh * ow;
        long v = values + p0 * outPlane * 4;
        long ix = indices + p0 * outPlane * 8;
        for (long p = p0; p < p1; p++) {
            long plane = x + p * inPlane * 4;
            for (int oy = 0; oy < oh; oy++) {
                int top = 2 * oy * w;
                long r0 = plane + (long) top * 4;
                long r1 = r0 + (long) w * 4;
                for (int ox = 0; ox < ow; ox++, v += 4, ix += 8) {
                    long c = (long) ox * 8;
                    int at = top + 2 * ox;
                    float a = NativeMemory.getFloat(r0 + c);
                    float b = NativeMemory.getFloat(r0 + c + 4);
                    float l = NativeMemory.getFloat(r1 + c);
                    float r = NativeMemory.getFloat(r1 + c + 4);
                    float max = Math.max(Math.max(a, b), Math.max(l, r));
                    int arg;
                    if (max != max) {
                        arg = firstMaxOfFour(a, b, l, r, at, w);
                    } else {
                        // The first of the four equal to the maximum: later candidates are overridden by earlier ones.
                        arg = at + w + 1;
                        arg = l == max ? at + w : arg;
                        arg = b == max ? at + 1 : arg;
                        arg = a == max ? at : arg;
                    }
                    float value = max == 0 || max != max ? NativeMemory.getFloat(plane + (long) arg * 4) : max;
                    NativeMemory.putFloat(v, value);
                    NativeMemory.putLong(ix, arg);
                }
            }
        }
    }

    /** The index rule of {@link #maxPlanes} for one 2x2 block: the first value, replaced only by a strictly larger one. */
    private static int firstMaxOfFour(float a, float b, float l, float r, int at, int w) {
        float best = a;
        int arg = at;
        if (b > best) {
            best = b;
            arg = at + 1;
        }
        if (l > best) {
            best = l;
            arg = at + w;
        }
        if (r > best) {
            arg = at + w + 1;
        }
        return arg;
    }

    /** Zeroes each gradient plane and adds every output gradient at the plane position its index names. */
    private static void routeMax(boolean f64, DType it, long g, long idx, long out, int inPlane, int outPlane, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int isize = it.byteSize();
        boolean fast = !f64 && it == DType.I64;
        for (long p = p0; p < p1; p++) {
            long plane = out + p * inPlane * size;
            NativeMemory.setBytes(plane, (long) inPlane * size, (byte) 0);
            long o = p * outPlane;
            if (fast) {
                routeF32(g + o * 4, idx + o * 8, plane, inPlane, outPlane);
                continue;
            }
            for (int k = 0; k < outPlane; k++) {
                long a = plane + checked(Access.getLong(it, idx + (o + k) * isize), inPlane) * size;
                PoolFloats.put(f64, a, PoolFloats.get(f64, a) + PoolFloats.get(f64, g + (o + k) * size));
            }
        }
    }

    /** The F32 plane of {@link #routeMax} with I64 indices, without the per-element dtype dispatch. */
    private static void routeF32(long g, long idx, long plane, int inPlane, int outPlane) {
        for (int k = 0; k < outPlane; k++, g += 4, idx += 8) {
            long a = plane + checked(NativeMemory.getLong(idx), inPlane) * 4;
            NativeMemory.putFloat(a, NativeMemory.getFloat(a) + NativeMemory.getFloat(g));
        }
    }

    /** {@code at} if it names an element of a plane of {@code inPlane} elements; indices come from the caller. */
    private static long checked(long at, int inPlane) {
        if (at < 0 || at >= inPlane) {
            throw new IllegalArgumentException("maxPool2dBackward: index " + at + " lies outside its input plane of " + inPlane + " elements");
        }
        return at;
    }

    private static void averagePlanes(boolean f64, long x, long out, PoolAxis rows, PoolAxis cols, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int w = cols.in;
        long inPlane = (long) rows.in * w;
        long o = p0 * rows.out * cols.out;
        for (long p = p0; p < p1; p++) {
            long plane = x + p * inPlane * size;
            for (int oy = 0; oy < rows.out; oy++) {
                for (int ox = 0; ox < cols.out; ox++, o++) {
                    double sum = 0;
                    for (int ky = 0, iy = rows.start[oy]; ky < rows.count[oy]; ky++, iy += rows.step) {
                        long row = plane + ((long) iy * w + cols.start[ox]) * size;
                        for (int kx = 0; kx < cols.count[ox]; kx++, row += (long) cols.step * size) {
                            sum += PoolFloats.get(f64, row);
                        }
                    }
                    int divisor = rows.divisor[oy] * cols.divisor[ox];
                    PoolFloats.put(f64, out + o * size, divisor == 0 ? 0.0 : sum / divisor);
                }
            }
        }
    }

    private static void spreadPlanes(boolean f64, long g, long out, PoolAxis rows, PoolAxis cols, long p0, long p1) {
        int size = f64 ? 8 : 4;
        int w = cols.in;
        int inPlane = rows.in * w;
        long o = p0 * rows.out * cols.out;
        for (long p = p0; p < p1; p++) {
            double[] sums = PoolFloats.sums(inPlane);
            for (int oy = 0; oy < rows.out; oy++) {
                for (int ox = 0; ox < cols.out; ox++, o++) {
                    int divisor = rows.divisor[oy] * cols.divisor[ox];
                    if (divisor == 0) {
                        continue;
                    }
                    double share = PoolFloats.get(f64, g + o * size) / divisor;
                    for (int ky = 0, row = rows.start[oy] * w + cols.start[ox]; ky < rows.count[oy]; ky++, row += rows.step * w) {
                        for (int kx = 0, at = row; kx < cols.count[ox]; kx++, at += cols.step) {
                            sums[at] += share;
                        }
                    }
                }
            }
            PoolFloats.putAll(f64, out + p * inPlane * size, sums, inPlane);
        }
    }

    /** The dims of a rank-4 float input. */
    private static int[] planes(String op, CpuTensor input) {
        if (input.shape().rank() != 4 || !input.dtype().isFloat()) {
            throw new IllegalArgumentException(op + ": expected a float [N, C, H, W] input, got " + input.shape() + " " + input.dtype());
        }
        return input.dims();
    }

    /** The windows along spatial dim {@code i} (0 height, 1 width) of a 2-D pooling. */
    private static PoolAxis sliding(PoolOptions o, int i, int in) {
        if (o.kernel().length != 2) {
            throw new IllegalArgumentException("pool2d: expected options over 2 spatial dims, got " + o);
        }
        int out = o.outputSize(i, in);
        if (out < 1) {
            throw new IllegalArgumentException("pool2d: " + o + " leaves no output along a spatial dim of size " + in);
        }
        return PoolAxis.sliding(in, out, o.kernel()[i], o.stride()[i], o.padding()[i], o.dilation()[i], o.countIncludePad());
    }

    private static void checkGrad(String op, CpuTensor input, CpuTensor outputGrad, int oh, int ow) {
        int[] d = input.dims();
        Shape expected = Shape.of(d[0], d[1], oh, ow);
        if (!outputGrad.shape().equals(expected) || outputGrad.dtype() != input.dtype()) {
            throw new IllegalArgumentException(op + ": expected an output gradient " + expected + " " + input.dtype() + ", got "
                    + outputGrad.shape() + " " + outputGrad.dtype());
        }
    }
}
