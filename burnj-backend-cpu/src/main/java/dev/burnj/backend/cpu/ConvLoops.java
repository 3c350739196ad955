package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import java.util.Arrays;

/**
 * The Java convolution path, in double precision over heap arrays: the three passes of a {@link ConvGeometry}
 * (forward, backward data, backward weights) as im2col plus small GEMM loops, per image and group. It serves F64,
 * which oneDNN does not compute on CPU, and F32 problems oneDNN cannot take. The GEMM loops keep a long contiguous row
 * innermost (all output positions, or all of a group's kernel taps) and fold four rows of the other operand into
 * each pass over it, so C2 vectorises them and the accumulator row is loaded and stored a quarter as often.
 * Forward and backward data split over (image, group), each task owning its outputs; backward weights sums over
 * images, so each thread accumulates a partial gradient that is added in at the end.
 */
final class ConvLoops {
    private ConvLoops() {}

    /** {@code dst = conv(src, weight) + bias}; {@code bias} ({@code [outC]}) may be null. */
    static void forward(ConvGeometry g, double[] src, double[] weight, double[] bias, double[] dst) {
        int taps = g.inGroupC() * g.kH() * g.kW();
        int positions = g.outH() * g.outW();
        int outG = g.outGroupC();
        Parallel.forRange((long) g.n() * g.groups(), (long) taps * positions * outG, (from, to) -> {
            double[] col = new double[taps * positions];
            for (int task = (int) from; task < to; task++) {
                int image = task / g.groups();
                int group = task % g.groups();
                im2col(g, src, image, group, col, false);
                for (int ocg = 0; ocg < outG; ocg++) {
                    int oc = group * outG + ocg;
                    int y = (image * g.outC() + oc) * positions;
                    Arrays.fill(dst, y, y + positions, bias == null ? 0.0 : bias[oc]);
                    accumulateRows(dst, y, weight, oc * taps, 1, col, 0, taps, positions);
                }
            }
        });
    }

    /** {@code diffSrc} = the gradient of the source given the destination's gradient {@code diffDst}. */
    static void backwardData(ConvGeometry g, double[] diffDst, double[] weight, double[] diffSrc) {
        int taps = g.inGroupC() * g.kH() * g.kW();
        int positions = g.outH() * g.outW();
        int outG = g.outGroupC();
        Parallel.forRange((long) g.n() * g.groups(), (long) taps * positions * outG, (from, to) -> {
            double[] col = new double[taps * positions];
            for (int task = (int) from; task < to; task++) {
                int image = task / g.groups();
                int group = task % g.groups();
                Arrays.fill(col, 0.0);
                int dy = (image * g.outC() + group * outG) * positions;
                for (int k = 0; k < taps; k++) {
                    // col[k, :] += sum over the group's output channels oc of weight[oc, k] * diffDst[oc, :]
                    accumulateRows(col, k * positions, weight, group * outG * taps + k, taps, diffDst, dy, outG, positions);
                }
                col2im(g, col, image, group, diffSrc);
            }
        });
    }

    /** {@code diffWeight} = the gradient of the weights given the source and the destination's gradient. */
    static void backwardWeights(ConvGeometry g, double[] src, double[] diffDst, double[] diffWeight) {
        int taps = g.inGroupC() * g.kH() * g.kW();
        int positions = g.outH() * g.outW();
        int outG = g.outGroupC();
        Arrays.fill(diffWeight, 0.0);
        Parallel.forRange((long) g.n() * g.groups(), (long) taps * positions * outG, (from, to) -> {
            double[] colT = new double[positions * taps];
            double[] partial = new double[diffWeight.length];
            for (int task = (int) from; task < to; task++) {
                int image = task / g.groups();
                int group = task % g.groups();
                im2col(g, src, image, group, colT, true);
                for (int ocg = 0; ocg < outG; ocg++) {
                    int oc = group * outG + ocg;
                    // partial[oc, :] += sum over positions p of diffDst[oc, p] * colT[p, :]
                    accumulateRows(partial, oc * taps, diffDst, (image * g.outC() + oc) * positions, 1, colT, 0, positions, taps);
                }
            }
            synchronized (diffWeight) {
                for (int i = 0; i < partial.length; i++) {
                    diffWeight[i] += partial[i];
                }
            }
        });
    }

    /**
     * {@code acc[a + j] += sum over r < rows of coef[c + r * coefStep] * m[mBase + r * len + j]} for {@code j < len}:
     * one output row against {@code rows} rows of {@code m}, four at a time.
     */
    private static void accumulateRows(double[] acc, int a, double[] coef, int c, int coefStep, double[] m, int mBase, int rows, int len) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            double c0 = coef[c + r * coefStep];
            double c1 = coef[c + (r + 1) * coefStep];
            double c2 = coef[c + (r + 2) * coefStep];
            double c3 = coef[c + (r + 3) * coefStep];
            int m0 = mBase + r * len;
            int m1 = m0 + len;
            int m2 = m1 + len;
            int m3 = m2 + len;
            for (int j = 0; j < len; j++) {
                acc[a + j] += c0 * m[m0 + j] + c1 * m[m1 + j] + c2 * m[m2 + j] + c3 * m[m3 + j];
            }
        }
        for (; r < rows; r++) {
            double c0 = coef[c + r * coefStep];
            int m0 = mBase + r * len;
            for (int j = 0; j < len; j++) {
                acc[a + j] += c0 * m[m0 + j];
            }
        }
    }

    /**
     * The source patches of one image and group as a {@code [taps, positions]} matrix (tap {@code k = (icg * kH + ky)
     * * kW + kx}, position {@code p = oy * outW + ox}), zero where the kernel overlaps the padding; transposed to
     * {@code [positions, taps]} when {@code transposed}.
     */
    private static void im2col(ConvGeometry g, double[] src, int image, int group, double[] col, boolean transposed) {
        int positions = g.outH() * g.outW();
        int taps = g.inGroupC() * g.kH() * g.kW();
        Arrays.fill(col, 0.0);
        for (int icg = 0; icg < g.inGroupC(); icg++) {
            int x = (image * g.inC() + group * g.inGroupC() + icg) * g.inH() * g.inW();
            for (int ky = 0; ky < g.kH(); ky++) {
                int oy0 = firstOutput(ky, g.strideH(), g.padH(), g.dilationH());
                int oy1 = endOutput(ky, g.strideH(), g.padH(), g.dilationH(), g.inH(), g.outH());
                for (int kx = 0; kx < g.kW(); kx++) {
                    int ox0 = firstOutput(kx, g.strideW(), g.padW(), g.dilationW());
                    int ox1 = endOutput(kx, g.strideW(), g.padW(), g.dilationW(), g.inW(), g.outW());
                    int k = (icg * g.kH() + ky) * g.kW() + kx;
                    for (int oy = oy0; oy < oy1; oy++) {
                        int row = x + (oy * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() - g.padW() + kx * g.dilationW();
                        int p = oy * g.outW();
                        if (transposed) {
                            for (int ox = ox0; ox < ox1; ox++) {
                                col[(p + ox) * taps + k] = src[row + ox * g.strideW()];
                            }
                        } else {
                            int to = k * positions + p;
                            for (int ox = ox0; ox < ox1; ox++) {
                                col[to + ox] = src[row + ox * g.strideW()];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: writes one image and group of {@code diffSrc} as the sums of their patches' gradients. */
    private static void col2im(ConvGeometry g, double[] col, int image, int group, double[] diffSrc) {
        int positions = g.outH() * g.outW();
        int plane = g.inH() * g.inW();
        int first = (image * g.inC() + group * g.inGroupC()) * plane;
        Arrays.fill(diffSrc, first, first + g.inGroupC() * plane, 0.0);
        for (int icg = 0; icg < g.inGroupC(); icg++) {
            int x = first + icg * plane;
            for (int ky = 0; ky < g.kH(); ky++) {
                int oy0 = firstOutput(ky, g.strideH(), g.padH(), g.dilationH());
                int oy1 = endOutput(ky, g.strideH(), g.padH(), g.dilationH(), g.inH(), g.outH());
                for (int kx = 0; kx < g.kW(); kx++) {
                    int ox0 = firstOutput(kx, g.strideW(), g.padW(), g.dilationW());
                    int ox1 = endOutput(kx, g.strideW(), g.padW(), g.dilationW(), g.inW(), g.outW());
                    int from = ((icg * g.kH() + ky) * g.kW() + kx) * positions;
                    for (int oy = oy0; oy < oy1; oy++) {
                        int row = x + (oy * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() - g.padW() + kx * g.dilationW();
                        int p = from + oy * g.outW();
                        for (int ox = ox0; ox < ox1; ox++) {
                            diffSrc[row + ox * g.strideW()] += col[p + ox];
                        }
                    }
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
