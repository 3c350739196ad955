package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max and average pooling with PyTorch's semantics. libnd4j's pooling kernels have no ceil mode, no max-pool indices
 * in PyTorch's convention and their own padding rules, so windows are gathered with the native im2col (out-of-range
 * taps read the padding value, which also covers ceil-mode windows that overhang the input) and reduced natively;
 * backward passes scatter (max) or col2im (average) natively.
 */
final class Pooling {
    private final Tensors tensors;

    Pooling(Tensors tensors) {
        this.tensors = tensors;
    }

    MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions o) {
        INDArray x = arr(input);
        Geometry g = new Geometry(x, o);
        INDArray windows = g.windows(x, Double.NEGATIVE_INFINITY);
        try {
            INDArray values = Tensors.alloc(x.dataType(), g.reducedShape());
            Kernel.custom("reduce_max").in(windows).out(values).ints(2).bools(true).exec();
            INDArray tap = Tensors.alloc(DataType.LONG, g.reducedShape());
            Kernel.custom("argmax").in(windows).out(tap).ints(2).bools(true).exec();
            INDArray indices = planeIndices(tap, g);
            tap.close();
            return new MaxPoolResult(tensors.wrap(Tensors.reshaped(values, g.outShape())), tensors.wrap(indices));
        } finally {
            windows.close();
        }
    }

    TensorPrimitive maxPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad, TensorPrimitive indices) {
        INDArray x = arr(input);
        long n = x.size(0);
        long c = x.size(1);
        long plane = x.size(2) * x.size(3);
        INDArray idx = arr(indices);
        INDArray gy = arr(outputGrad);
        INDArray grad = Nd4j.zeros(gy.dataType(), n, c, plane);
        long outPlane = idx.length() / (n * c);
        INDArray idx3 = Tensors.reshaped(idx, n, c, outPlane);
        INDArray gy3 = Tensors.reshaped(gy, n, c, outPlane);
        LayoutOps.scatterInto(grad, Shape.of((int) n, (int) c, (int) plane), 2, idx3, gy3, true);
        return tensors.wrap(Tensors.reshaped(grad, x.shape()));
    }

    TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions o) {
        INDArray x = arr(input);
        Geometry g = new Geometry(x, o);
        INDArray windows = g.windows(x, 0.0);
        INDArray sums = Tensors.alloc(x.dataType(), g.reducedShape());
        Kernel.custom("reduce_sum").in(windows).out(sums).ints(2).bools(true).exec();
        windows.close();
        INDArray divisor = g.divisors(x.dataType());
        Kernel.custom("divide").in(sums, divisor).out(sums).exec();
        divisor.close();
        return tensors.wrap(Tensors.reshaped(sums, g.outShape()));
    }

    TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions o, TensorPrimitive outputGrad) {
        INDArray x = arr(input);
        Geometry g = new Geometry(x, o);
        INDArray divisor = g.divisors(x.dataType());
        INDArray scaled = Arithmetic.binary("divide", Tensors.reshaped(arr(outputGrad), g.reducedShape()), divisor);
        divisor.close();
        INDArray cols = Broadcasting.expand(Tensors.reshaped(scaled, g.n, g.c, 1, 1, g.oH, g.oW), g.colShape());
        scaled.close();
        INDArray grad = Tensors.alloc(x.dataType(), x.shape());
        // col2im sums overlapping taps and drops the ones that fall in padding or past the input.
        Kernel.custom("col2im").in(cols).out(grad)
                .ints(o.stride()[0], o.stride()[1], o.padding()[0], o.padding()[1], g.h, g.w, o.dilation()[0], o.dilation()[1], 0).exec();
        cols.close();
        return tensors.wrap(grad);
    }

    /**
     * Turns window tap numbers {@code t = kh * kW + kw} into PyTorch's flat index {@code h * W + w} within the input
     * plane: {@code kh * dH * W + kw * dW} plus the window's origin. Computed with elementwise integer kernels: a
     * gather from the tap-offset table costs one libnd4j slice copy per element and dominated CNN training.
     */
    private static INDArray planeIndices(INDArray tap, Geometry g) {
        long[] windowOrigin = new long[g.oH * g.oW];
        for (int oh = 0; oh < g.oH; oh++) {
            for (int ow = 0; ow < g.oW; ow++) {
                windowOrigin[oh * g.oW + ow] = (long) (oh * g.sH - g.pH) * g.w + (ow * g.sW - g.pW);
            }
        }
        INDArray origins = Nd4j.create(windowOrigin, new long[] {1, 1, 1, g.oH, g.oW}, DataType.LONG);
        INDArray kw;
        INDArray flat;
        try (ScalarCache.Lease kW = ScalarCache.SHARED.lease(DataType.LONG, g.kW);
                ScalarCache.Lease rowStride = ScalarCache.SHARED.lease(DataType.LONG, (long) g.dH * g.w);
                ScalarCache.Lease dW = ScalarCache.SHARED.lease(DataType.LONG, g.dW)) {
            kw = Arithmetic.binary("floormod", tap, kW.array());
            // (t - kw) is kh * kW exactly, so multiplying by dH * W before dividing by kW stays exact.
            flat = Arithmetic.binary("subtract", tap, kw);
            Kernel.custom("multiply").in(flat, rowStride.array()).out(flat).exec();
            Kernel.custom("divide").in(flat, kW.array()).out(flat).exec();
            Kernel.custom("multiply").in(kw, dW.array()).out(kw).exec();
        }
        Kernel.custom("add").in(flat, kw).out(flat).exec();
        Kernel.custom("add").in(flat, origins).out(flat).exec();
        kw.close();
        origins.close();
        return Tensors.reshaped(flat, g.outShape());
    }

    /** Sizes of one pooling call, and the per-window pieces computed from them. */
    private static final class Geometry {
        final long n;
        final long c;
        final int h;
        final int w;
        final int kH;
        final int kW;
        final int sH;
        final int sW;
        final int pH;
        final int pW;
        final int dH;
        final int dW;
        final int oH;
        final int oW;
        final PoolOptions options;

        Geometry(INDArray x, PoolOptions o) {
            n = x.size(0);
            c = x.size(1);
            h = (int) x.size(2);
            w = (int) x.size(3);
            kH = o.kernel()[0];
            kW = o.kernel()[1];
            sH = o.stride()[0];
            sW = o.stride()[1];
            pH = o.padding()[0];
            pW = o.padding()[1];
            dH = o.dilation()[0];
            dW = o.dilation()[1];
            oH = o.outputSize(0, h);
            oW = o.outputSize(1, w);
            options = o;
        }

        long[] colShape() {
            return new long[] {n, c, kH, kW, oH, oW};
        }

        long[] reducedShape() {
            return new long[] {n, c, 1, oH, oW};
        }

        long[] outShape() {
            return new long[] {n, c, oH, oW};
        }

        /**
         * im2col of {@code x}, viewed as {@code [N, C, kH * kW, oH, oW]}; taps outside the input read {@code pad}.
         * im2col sizes its output by the floor rule, so when ceil mode adds a window the input is first padded
         * explicitly (with {@code pad}) to exactly the extent the windows cover.
         */
        INDArray windows(INDArray x, double pad) {
            INDArray cols = Tensors.alloc(x.dataType(), colShape());
            INDArray dense = Views.dense(x);
            if (floorSize(h, kH, sH, pH, dH) == oH && floorSize(w, kW, sW, pW, dW) == oW) {
                Kernel.custom("im2col").in(dense).out(cols).ints(kH, kW, sH, sW, pH, pW, dH, dW, 0).doubles(pad).exec();
            } else {
                INDArray padded = padTo(dense, pad);
                Kernel.custom("im2col").in(padded).out(cols).ints(kH, kW, sH, sW, 0, 0, dH, dW, 0).doubles(pad).exec();
                padded.close();
            }
            Tensors.closeTemp(dense, x);
            return Tensors.reshaped(cols, n, c, (long) kH * kW, oH, oW);
        }

        /** {@code x} placed at offset (pH, pW) in a {@code pad}-filled frame exactly as large as the windows reach. */
        private INDArray padTo(INDArray x, double pad) {
            long fullH = (long) (oH - 1) * sH + (long) dH * (kH - 1) + 1;
            long fullW = (long) (oW - 1) * sW + (long) dW * (kW - 1) + 1;
            INDArray frame = Nd4j.valueArrayOf(new long[] {n, c, fullH, fullW}, pad, x.dataType());
            long rows = Math.min(h, fullH - pH);
            long cols = Math.min(w, fullW - pW);
            INDArray dst = Views.spatial(frame, pH, rows, pW, cols);
            Kernel.custom("assign").in(dst, Views.spatial(x, 0, rows, 0, cols)).out(dst).exec();
            return frame;
        }

        private static int floorSize(int in, int k, int s, int p, int d) {
            return (in + 2 * p - d * (k - 1) - 1) / s + 1;
        }

        /**
         * Average-pool divisors as {@code [1, 1, 1, oH, oW]}: PyTorch counts the taps inside the padded input (but
         * not a ceil-mode overhang) when {@code countIncludePad}, else only the taps inside the input.
         */
        INDArray divisors(DataType type) {
            int[] rows = taps(oH, sH, pH, kH, dH, h);
            int[] cols = taps(oW, sW, pW, kW, dW, w);
            double[] d = new double[oH * oW];
            for (int i = 0; i < oH; i++) {
                for (int j = 0; j < oW; j++) {
                    d[i * oW + j] = (double) rows[i] * cols[j];
                }
            }
            return Nd4j.create(d, new long[] {1, 1, 1, oH, oW}, type);
        }

        private int[] taps(int out, int stride, int pad, int kernel, int dilation, int in) {
            int[] count = new int[out];
            int low = options.countIncludePad() ? -pad : 0;
            int high = options.countIncludePad() ? in + pad : in;
            for (int o = 0; o < out; o++) {
                int start = o * stride - pad;
                for (int t = 0; t < kernel; t++) {
                    int pos = start + t * dilation;
                    if (pos >= low && pos < high) {
                        count[o]++;
                    }
                }
            }
            return count;
        }
    }
}
