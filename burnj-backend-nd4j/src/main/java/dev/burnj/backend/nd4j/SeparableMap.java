package dev.burnj.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear map of one spatial axis, as an {@code [out, in]} weight matrix. Adaptive average pooling, nearest and
 * bilinear interpolation are all products of one such map per axis, so forward is {@code Mh X Mw^T} and backward
 * {@code Mh^T G Mw}: two native GEMMs each, with the (tiny) matrices built on the host.
 */
final class SeparableMap {
    private final double[] weights;
    private final int out;
    private final int in;

    private SeparableMap(int out, int in) {
        this.out = out;
        this.in = in;
        this.weights = new double[out * in];
    }

    /** PyTorch's adaptive average window: {@code [floor(i*in/out), ceil((i+1)*in/out))}, equally weighted. */
    static SeparableMap adaptiveAverage(int in, int out) {
        SeparableMap m = new SeparableMap(out, in);
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * in / out);
            int end = (int) (((long) (i + 1) * in + out - 1) / out);
            for (int j = start; j < end; j++) {
                m.weights[i * in + j] = 1.0 / (end - start);
            }
        }
        return m;
    }

    /** PyTorch's {@code nearest}: output {@code i} copies input {@code floor(i * in / out)}. */
    static SeparableMap nearest(int in, int out) {
        SeparableMap m = new SeparableMap(out, in);
        for (int i = 0; i < out; i++) {
            int src = (int) Math.min((long) i * in / out, in - 1);
            m.weights[i * in + src] = 1.0;
        }
        return m;
    }

    /** PyTorch's {@code bilinear} along one axis with {@code align_corners=false}: source {@code (i + 0.5) * in / out - 0.5}, clamped at 0. */
    static SeparableMap linear(int in, int out) {
        SeparableMap m = new SeparableMap(out, in);
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int i0 = Math.min((int) src, in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double frac = src - i0;
            m.weights[i * in + i0] += 1.0 - frac;
            m.weights[i * in + i1] += frac;
        }
        return m;
    }

    INDArray matrix(DataType type) {
        return Nd4j.create(weights, new long[] {out, in}, type);
    }

    /** {@code rows X cols^T} over the last two dims of {@code x} ({@code [N, C, H, W]}), or with both maps transposed. */
    static INDArray apply(INDArray x, SeparableMap rows, SeparableMap cols, boolean transpose) {
        long n = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long outH = transpose ? rows.in : rows.out;
        long outW = transpose ? cols.in : cols.out;
        INDArray mh = rows.matrix(x.dataType());
        INDArray mw = cols.matrix(x.dataType());
        try {
            // Width first: [N*C*H, W] x Mw^T -> [N*C*H, outW].
            INDArray flat = Tensors.reshaped(x, n * c * h, w);
            INDArray byWidth = Tensors.alloc(x.dataType(), new long[] {n * c * h, outW});
            Kernel.custom("matmul").in(flat, mw).out(byWidth).ints(0, transpose ? 0 : 1, 0).exec();
            Tensors.closeTemp(flat, x);
            // Then height: bring H last ([N*C*outW, H]) and multiply by Mh^T -> [N*C*outW, outH].
            INDArray heightLast = Tensors.reshaped(Tensors.reshaped(byWidth, n * c, h, outW).permute(0, 2, 1).dup('c'), n * c * outW, h);
            byWidth.close();
            INDArray byHeight = Tensors.alloc(x.dataType(), new long[] {n * c * outW, outH});
            Kernel.custom("matmul").in(heightLast, mh).out(byHeight).ints(0, transpose ? 0 : 1, 0).exec();
            heightLast.close();
            return Tensors.reshaped(byHeight, n, c, outW, outH).permute(0, 1, 3, 2);
        } finally {
            mh.close();
            mw.close();
        }
    }
}
