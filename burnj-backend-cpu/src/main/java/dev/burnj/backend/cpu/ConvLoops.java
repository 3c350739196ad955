package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import java.util.Arrays;

/**
 * The Java convolution path, in double precision over heap arrays: direct loops for the three passes of a
 * {@link ConvGeometry} (forward, backward data, backward weights). It serves F64, which oneDNN does not compute on
 * CPU, and F32 problems oneDNN cannot take. Every loop runs over the kernel taps outermost and a contiguous row of
 * outputs innermost, with the valid output range of each tap precomputed, so the inner loop has no bounds tests (and
 * C2 vectorises it at unit stride). Each parallel task owns its output elements, so no two threads write one element.
 */
final class ConvLoops {
    private ConvLoops() {}

    /** {@code dst = conv(src, weight) + bias}; {@code bias} ({@code [outC]}) may be null. */
    static void forward(ConvGeometry g, double[] src, double[] weight, double[] bias, double[] dst) {
        int plane = g.outH() * g.outW();
        int inG = g.inGroupC();
        int outG = g.outGroupC();
        Parallel.forRange((long) g.n() * g.outC(), (long) inG * g.kH() * g.kW() * plane, (from, to) -> {
            for (int task = (int) from; task < to; task++) {
                int oc = task % g.outC();
                int yBase = task * plane;
                Arrays.fill(dst, yBase, yBase + plane, bias == null ? 0.0 : bias[oc]);
                for (int icg = 0; icg < inG; icg++) {
                    int c = oc / outG * inG + icg;
                    int xBase = (task / g.outC() * g.inC() + c) * g.inH() * g.inW();
                    int wBase = (oc * inG + icg) * g.kH() * g.kW();
                    forEachTap(g, (ky, kx, oy0, oy1, ox0, ox1) -> {
                        double w = weight[wBase + ky * g.kW() + kx];
                        for (int oy = oy0; oy < oy1; oy++) {
                            int y = yBase + oy * g.outW();
                            int x = xBase + (oy * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() - g.padW() + kx * g.dilationW();
                            int sw = g.strideW();
                            if (sw == 1) {
                                for (int ox = ox0; ox < ox1; ox++) {
                                    dst[y + ox] += w * src[x + ox];
                                }
                            } else {
                                for (int ox = ox0; ox < ox1; ox++) {
                                    dst[y + ox] += w * src[x + ox * sw];
                                }
                            }
                        }
                    });
                }
            }
        });
    }

    /** {@code diffSrc} = the gradient of the source given the destination's gradient {@code diffDst}. */
    static void backwardData(ConvGeometry g, double[] diffDst, double[] weight, double[] diffSrc) {
        int plane = g.outH() * g.outW();
        int inPlane = g.inH() * g.inW();
        int inG = g.inGroupC();
        int outG = g.outGroupC();
        Parallel.forRange((long) g.n() * g.inC(), (long) outG * g.kH() * g.kW() * plane, (from, to) -> {
            for (int task = (int) from; task < to; task++) {
                int c = task % g.inC();
                int xBase = task * inPlane;
                Arrays.fill(diffSrc, xBase, xBase + inPlane, 0.0);
                for (int ocg = 0; ocg < outG; ocg++) {
                    int oc = c / inG * outG + ocg;
                    int yBase = (task / g.inC() * g.outC() + oc) * plane;
                    int wBase = (oc * inG + c % inG) * g.kH() * g.kW();
                    forEachTap(g, (ky, kx, oy0, oy1, ox0, ox1) -> {
                        double w = weight[wBase + ky * g.kW() + kx];
                        int sw = g.strideW();
                        for (int oy = oy0; oy < oy1; oy++) {
                            int y = yBase + oy * g.outW();
                            int x = xBase + (oy * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() - g.padW() + kx * g.dilationW();
                            for (int ox = ox0; ox < ox1; ox++) {
                                diffSrc[x + ox * sw] += w * diffDst[y + ox];
                            }
                        }
                    });
                }
            }
        });
    }

    /** {@code diffWeight} = the gradient of the weights given the source and the destination's gradient. */
    static void backwardWeights(ConvGeometry g, double[] src, double[] diffDst, double[] diffWeight) {
        int plane = g.outH() * g.outW();
        int inPlane = g.inH() * g.inW();
        int inG = g.inGroupC();
        int outG = g.outGroupC();
        Parallel.forRange((long) g.outC() * inG, (long) g.n() * g.kH() * g.kW() * plane, (from, to) -> {
            for (int task = (int) from; task < to; task++) {
                int oc = task / inG;
                int c = oc / outG * inG + task % inG;
                int wBase = task * g.kH() * g.kW();
                forEachTap(g, (ky, kx, oy0, oy1, ox0, ox1) -> {
                    double sum = 0;
                    int sw = g.strideW();
                    for (int b = 0; b < g.n(); b++) {
                        int yBase = (b * g.outC() + oc) * plane;
                        int xBase = (b * g.inC() + c) * inPlane;
                        for (int oy = oy0; oy < oy1; oy++) {
                            int y = yBase + oy * g.outW();
                            int x = xBase + (oy * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() - g.padW() + kx * g.dilationW();
                            for (int ox = ox0; ox < ox1; ox++) {
                                sum += diffDst[y + ox] * src[x + ox * sw];
                            }
                        }
                    }
                    diffWeight[wBase + ky * g.kW() + kx] = sum;
                });
            }
        });
    }

    /** One kernel tap {@code (ky, kx)} with the output rows {@code [oy0, oy1)} and columns {@code [ox0, ox1)} it reaches. */
    @FunctionalInterface
    private interface Tap {
        void run(int ky, int kx, int oy0, int oy1, int ox0, int ox1);
    }

    private static void forEachTap(ConvGeometry g, Tap tap) {
        for (int ky = 0; ky < g.kH(); ky++) {
            int oy0 = firstOutput(ky, g.strideH(), g.padH(), g.dilationH());
            int oy1 = endOutput(ky, g.strideH(), g.padH(), g.dilationH(), g.inH(), g.outH());
            for (int kx = 0; kx < g.kW(); kx++) {
                int ox0 = firstOutput(kx, g.strideW(), g.padW(), g.dilationW());
                int ox1 = endOutput(kx, g.strideW(), g.padW(), g.dilationW(), g.inW(), g.outW());
                if (oy0 < oy1 && ox0 < ox1) {
                    tap.run(ky, kx, oy0, oy1, ox0, ox1);
                }
            }
        }
    }

    /** The first output {@code o} whose input {@code o * stride - pad + k * dilation} is not below 0. */
    private static int firstOutput(int k, int stride, int pad, int dilation) {
        int before = pad - k * dilation;
        return before <= 0 ? 0 : (before + stride - 1) / stride;
    }

    /** One past the last output whose input is below {@code in}, capped at {@code out}. */
    private static int endOutput(int k, int stride, int pad, int dilation, int in, int out) {
        int last = in - 1 + pad - k * dilation;
        return last < 0 ? 0 : Math.min(out, last / stride + 1);
    }

    /** The values of a dense tensor of a float dtype, widened to double. */
    static double[] read(CpuTensor dense) {
        int n = Math.toIntExact(dense.numel());
        double[] values = new double[n];
        long a = dense.address();
        if (dense.dtype() == DType.F64) {
            NativeMemory.copyToArray(a, values, (long) n * Double.BYTES);
        } else if (dense.dtype() == DType.F32) {
            for (int i = 0; i < n; i++) {
                values[i] = NativeMemory.getFloat(a + ((long) i << 2));
            }
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = Access.getDouble(dense.dtype(), a + (long) i * dense.itemSize());
            }
        }
        return values;
    }

    /** Stores {@code values} into a dense tensor, rounding to its dtype. */
    static void write(double[] values, CpuTensor dense) {
        long a = dense.address();
        if (dense.dtype() == DType.F64) {
            NativeMemory.copyFromArray(values, a, (long) values.length * Double.BYTES);
        } else if (dense.dtype() == DType.F32) {
            for (int i = 0; i < values.length; i++) {
                NativeMemory.putFloat(a + ((long) i << 2), (float) values[i]);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                Access.putDouble(dense.dtype(), a + (long) i * dense.itemSize(), values[i]);
            }
        }
    }
}
