package dev.burnj.conformance.reference;

import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;
import java.util.List;

/**
 * Reference neural-network ops with PyTorch semantics, channels-first. Each linear op is written once as a
 * visit of its (output, input[, weight]) index pairs; forward sums along them and backward scatters along the
 * same pairs, so a forward and its backward cannot disagree about the index mapping.
 */
public final class ReferenceModule {
    private ReferenceModule() {}

    /** One term {@code out[o] += x[i] * w[j]} of a convolution. */
    private interface ConvTerm {
        void visit(int o, int i, int j);
    }

    /** One term {@code out[o] += coefficient * x[i]} of a linear resampling. */
    private interface LinearTerm {
        void visit(int o, int i, double coefficient);
    }

    // ---------------------------------------------------------------- convolution

    /** PyTorch's conv output size. */
    public static int convOut(int in, int kernel, int stride, int padding, int dilation) {
        return (in + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
    }

    private static int[] convVisit(int[] xs, int[] ws, ConvOptions o, ConvTerm t) {
        int n = xs[0];
        int cin = xs[1];
        int h = xs[2];
        int w = xs[3];
        int cout = ws[0];
        int cinG = ws[1];
        int kh = ws[2];
        int kw = ws[3];
        int groups = o.groups();
        int coutG = cout / groups;
        int oh = convOut(h, kh, o.stride()[0], o.padding()[0], o.dilation()[0]);
        int ow = convOut(w, kw, o.stride()[1], o.padding()[1], o.dilation()[1]);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < cout; oc++) {
                int g = oc / coutG;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        int out = ((b * cout + oc) * oh + y) * ow + x;
                        for (int ic = 0; ic < cinG; ic++) {
                            int c = g * cinG + ic;
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = y * o.stride()[0] - o.padding()[0] + ky * o.dilation()[0];
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = x * o.stride()[1] - o.padding()[1] + kx * o.dilation()[1];
                                    if (ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    t.visit(out, ((b * cin + c) * h + iy) * w + ix, ((oc * cinG + ic) * kh + ky) * kw + kx);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (cin != cinG * groups) {
            throw new IllegalArgumentException("reference conv2d: " + cin + " input channels, weight " + Arrays.toString(ws));
        }
        return new int[] {n, cout, oh, ow};
    }

    private static int[] convTransposeVisit(int[] xs, int[] ws, ConvTransposeOptions o, ConvTerm t) {
        int n = xs[0];
        int cin = xs[1];
        int h = xs[2];
        int w = xs[3];
        int coutG = ws[1];
        int kh = ws[2];
        int kw = ws[3];
        int groups = o.groups();
        int cinG = cin / groups;
        int cout = coutG * groups;
        int oh = (h - 1) * o.stride()[0] - 2 * o.padding()[0] + o.dilation()[0] * (kh - 1) + o.outputPadding()[0] + 1;
        int ow = (w - 1) * o.stride()[1] - 2 * o.padding()[1] + o.dilation()[1] * (kw - 1) + o.outputPadding()[1] + 1;
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < cin; c++) {
                int g = c / cinG;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int in = ((b * cin + c) * h + y) * w + x;
                        for (int oc = 0; oc < coutG; oc++) {
                            int co = g * coutG + oc;
                            for (int ky = 0; ky < kh; ky++) {
                                int oy = y * o.stride()[0] - o.padding()[0] + ky * o.dilation()[0];
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ox = x * o.stride()[1] - o.padding()[1] + kx * o.dilation()[1];
                                    if (ox < 0 || ox >= ow) {
                                        continue;
                                    }
                                    t.visit(((b * cout + co) * oh + oy) * ow + ox, in, ((c * coutG + oc) * kh + ky) * kw + kx);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new int[] {n, cout, oh, ow};
    }

    private static TensorData convForward(TensorData input, TensorData weight, TensorData bias, boolean transposed, Object options) {
        double[] x = input.toDoubles();
        double[] w = weight.toDoubles();
        int[] xs = input.shape().dims();
        int[] ws = weight.shape().dims();
        int[] outShape = shapeOnly(xs, ws, transposed, options);
        Nd out = Nd.zeros(outShape);
        visit(xs, ws, transposed, options, (o, i, j) -> out.v[o] += x[i] * w[j]);
        addBias(out, bias);
        return out.to(input.dtype());
    }

    private static List<TensorData> convBackward(TensorData input, TensorData weight, TensorData bias, TensorData outputGrad,
            boolean transposed, Object options) {
        double[] x = input.toDoubles();
        double[] w = weight.toDoubles();
        double[] g = outputGrad.toDoubles();
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        visit(input.shape().dims(), weight.shape().dims(), transposed, options, (o, i, j) -> {
            gx[i] += g[o] * w[j];
            gw[j] += g[o] * x[i];
        });
        TensorData gb = null;
        if (bias != null) {
            // The bias adds to every spatial position of its output channel: its gradient sums those.
            TensorData perChannel = ReferenceReduction.reduceDim(outputGrad, 0, ReferenceReduction::sum, DType.F64);
            int[] gs = outputGrad.shape().dims();
            TensorData flat = ReferenceLayout.reshape(perChannel, Shape.of(gs[1], gs[2] * gs[3]));
            TensorData summed = ReferenceReduction.reduceDim(flat, 1, ReferenceReduction::sum, DType.F64);
            gb = new Nd(new int[] {gs[1]}, summed.toDoubles()).to(bias.dtype());
        }
        return Arrays.asList(new Nd(input.shape().dims(), gx).to(input.dtype()), new Nd(weight.shape().dims(), gw).to(weight.dtype()), gb);
    }

    private static void visit(int[] xs, int[] ws, boolean transposed, Object options, ConvTerm t) {
        if (transposed) {
            convTransposeVisit(xs, ws, (ConvTransposeOptions) options, t);
        } else {
            convVisit(xs, ws, (ConvOptions) options, t);
        }
    }

    private static int[] shapeOnly(int[] xs, int[] ws, boolean transposed, Object options) {
        return transposed ? convTransposeVisit(xs, ws, (ConvTransposeOptions) options, (o, i, j) -> {})
                : convVisit(xs, ws, (ConvOptions) options, (o, i, j) -> {});
    }

    private static void addBias(Nd out, TensorData bias) {
        if (bias == null) {
            return;
        }
        double[] b = bias.toDoubles();
        int plane = out.shape[2] * out.shape[3];
        for (int i = 0; i < out.size(); i++) {
            out.v[i] += b[(i / plane) % out.shape[1]];
        }
    }

    /** 2-D convolution; {@code bias} may be null. */
    public static TensorData conv2d(TensorData input, TensorData weight, TensorData bias, ConvOptions options) {
        return convForward(input, weight, bias, false, options);
    }

    /** Gradients (input, weight, bias or null) of {@link #conv2d}. */
    public static List<TensorData> conv2dBackward(TensorData input, TensorData weight, TensorData bias, TensorData outputGrad,
            ConvOptions options) {
        return convBackward(input, weight, bias, outputGrad, false, options);
    }

    /** 2-D transposed convolution; {@code bias} may be null. */
    public static TensorData convTranspose2d(TensorData input, TensorData weight, TensorData bias, ConvTransposeOptions options) {
        return convForward(input, weight, bias, true, options);
    }

    /** Gradients (input, weight, bias or null) of {@link #convTranspose2d}. */
    public static List<TensorData> convTranspose2dBackward(TensorData input, TensorData weight, TensorData bias,
            TensorData outputGrad, ConvTransposeOptions options) {
        return convBackward(input, weight, bias, outputGrad, true, options);
    }

    /** 1-D convolution as a 2-D one over a unit height. */
    public static TensorData conv1d(TensorData input, TensorData weight, TensorData bias, ConvOptions options) {
        ConvOptions lifted = new ConvOptions(new int[] {1, options.stride()[0]}, new int[] {0, options.padding()[0]},
                new int[] {1, options.dilation()[0]}, options.groups());
        return dropHeight(conv2d(unitHeight(input), unitHeight(weight), bias, lifted));
    }

    // ---------------------------------------------------------------- pooling

    /** PyTorch's pooling output size, including its ceil-mode rule that the last window starts inside. */
    public static int poolOut(int in, int kernel, int stride, int padding, int dilation, boolean ceil) {
        int span = in + 2 * padding - dilation * (kernel - 1) - 1;
        int out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceil && (out - 1) * stride >= in + padding) {
            out--;
        }
        return out;
    }

    private static int[] poolShape(int[] xs, PoolOptions o) {
        return new int[] {xs[0], xs[1], poolOut(xs[2], o.kernel()[0], o.stride()[0], o.padding()[0], o.dilation()[0], o.ceilMode()),
            poolOut(xs[3], o.kernel()[1], o.stride()[1], o.padding()[1], o.dilation()[1], o.ceilMode())};
    }

    /** Max pooling: values and, per output, the flat index {@code y * W + x} of the first maximum in its window. */
    public static List<TensorData> maxPool2d(TensorData input, PoolOptions o) {
        Nd x = Nd.of(input);
        int[] os = poolShape(x.shape, o);
        int h = x.shape[2];
        int w = x.shape[3];
        Nd values = Nd.zeros(os);
        Nd indices = Nd.zeros(os);
        for (int plane = 0; plane < os[0] * os[1]; plane++) {
            for (int oy = 0; oy < os[2]; oy++) {
                for (int ox = 0; ox < os[3]; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int ky = 0; ky < o.kernel()[0]; ky++) {
                        int iy = oy * o.stride()[0] - o.padding()[0] + ky * o.dilation()[0];
                        for (int kx = 0; kx < o.kernel()[1]; kx++) {
                            int ix = ox * o.stride()[1] - o.padding()[1] + kx * o.dilation()[1];
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x.v[plane * h * w + iy * w + ix];
                            if (arg < 0 || v > best) {
                                best = v;
                                arg = iy * w + ix;
                            }
                        }
                    }
                    int out = (plane * os[2] + oy) * os[3] + ox;
                    values.v[out] = best;
                    indices.v[out] = arg;
                }
            }
        }
        return List.of(values.to(input.dtype()), indices.to(DType.I64));
    }

    /** Gradient of max pooling: each output gradient goes to the input position its index names. */
    public static TensorData maxPool2dBackward(TensorData input, TensorData outputGrad, TensorData indices) {
        Nd gx = Nd.zeros(input.shape().dims());
        double[] g = outputGrad.toDoubles();
        double[] ix = indices.toDoubles();
        int[] gs = outputGrad.shape().dims();
        int perPlaneOut = gs[2] * gs[3];
        int perPlaneIn = gx.shape[2] * gx.shape[3];
        for (int o = 0; o < g.length; o++) {
            gx.v[(o / perPlaneOut) * perPlaneIn + (int) ix[o]] += g[o];
        }
        return gx.to(input.dtype());
    }

    /**
     * Average pooling. The divisor with {@code countIncludePad} counts window positions inside the padded input
     * (PyTorch clips the window to {@code input + padding} first), otherwise only the positions inside the input.
     */
    private static int[] avgPoolVisit(int[] xs, PoolOptions o, LinearTerm t) {
        int[] os = poolShape(xs, o);
        int h = xs[2];
        int w = xs[3];
        for (int plane = 0; plane < os[0] * os[1]; plane++) {
            for (int oy = 0; oy < os[2]; oy++) {
                for (int ox = 0; ox < os[3]; ox++) {
                    int inside = 0;
                    int padded = 0;
                    for (int ky = 0; ky < o.kernel()[0]; ky++) {
                        int iy = oy * o.stride()[0] - o.padding()[0] + ky * o.dilation()[0];
                        for (int kx = 0; kx < o.kernel()[1]; kx++) {
                            int ix = ox * o.stride()[1] - o.padding()[1] + kx * o.dilation()[1];
                            if (iy < h + o.padding()[0] && ix < w + o.padding()[1]) {
                                padded++;
                            }
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                inside++;
                            }
                        }
                    }
                    double c = 1.0 / (o.countIncludePad() ? padded : inside);
                    int out = (plane * os[2] + oy) * os[3] + ox;
                    for (int ky = 0; ky < o.kernel()[0]; ky++) {
                        int iy = oy * o.stride()[0] - o.padding()[0] + ky * o.dilation()[0];
                        for (int kx = 0; kx < o.kernel()[1]; kx++) {
                            int ix = ox * o.stride()[1] - o.padding()[1] + kx * o.dilation()[1];
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                t.visit(out, plane * h * w + iy * w + ix, c);
                            }
                        }
                    }
                }
            }
        }
        return os;
    }

    public static TensorData avgPool2d(TensorData input, PoolOptions o) {
        return linearForward(input, t -> avgPoolVisit(input.shape().dims(), o, t));
    }

    public static TensorData avgPool2dBackward(TensorData input, PoolOptions o, TensorData outputGrad) {
        return linearBackward(input, outputGrad, t -> avgPoolVisit(input.shape().dims(), o, t));
    }

    /** Adaptive average pooling with windows {@code floor(i*in/out)} to {@code ceil((i+1)*in/out)}. */
    private static int[] adaptiveVisit(int[] xs, int outH, int outW, LinearTerm t) {
        int h = xs[2];
        int w = xs[3];
        for (int plane = 0; plane < xs[0] * xs[1]; plane++) {
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.floorDiv(oy * h, outH);
                int y1 = -Math.floorDiv(-(oy + 1) * h, outH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.floorDiv(ox * w, outW);
                    int x1 = -Math.floorDiv(-(ox + 1) * w, outW);
                    double c = 1.0 / ((y1 - y0) * (x1 - x0));
                    int out = (plane * outH + oy) * outW + ox;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            t.visit(out, plane * h * w + iy * w + ix, c);
                        }
                    }
                }
            }
        }
        return new int[] {xs[0], xs[1], outH, outW};
    }

    public static TensorData adaptiveAvgPool2d(TensorData input, int outH, int outW) {
        return linearForward(input, t -> adaptiveVisit(input.shape().dims(), outH, outW, t));
    }

    public static TensorData adaptiveAvgPool2dBackward(TensorData input, TensorData outputGrad) {
        int[] gs = outputGrad.shape().dims();
        return linearBackward(input, outputGrad, t -> adaptiveVisit(input.shape().dims(), gs[2], gs[3], t));
    }

    // ---------------------------------------------------------------- interpolation

    /**
     * Source positions along one axis with their weights, PyTorch {@code align_corners=false}: nearest takes
     * {@code min(floor(dst * in/out), in-1)}; bilinear takes the source coordinate {@code (dst + 0.5) in/out - 0.5}
     * clamped at 0 and blends its two neighbours (the right one clamped to the edge).
     */
    private static double[][] axisTaps(int in, int out, InterpolateMode mode, int dst) {
        double scale = (double) in / out;
        if (mode == InterpolateMode.NEAREST) {
            return new double[][] {{Math.min((int) Math.floor(dst * scale), in - 1), 1.0}};
        }
        double src = Math.max(0.0, (dst + 0.5) * scale - 0.5);
        int i0 = Math.min((int) Math.floor(src), in - 1);
        int i1 = Math.min(i0 + 1, in - 1);
        double l1 = src - i0;
        return new double[][] {{i0, 1.0 - l1}, {i1, l1}};
    }

    private static int[] interpolateVisit(int[] xs, int outH, int outW, InterpolateMode mode, LinearTerm t) {
        int h = xs[2];
        int w = xs[3];
        for (int plane = 0; plane < xs[0] * xs[1]; plane++) {
            for (int oy = 0; oy < outH; oy++) {
                double[][] ty = axisTaps(h, outH, mode, oy);
                for (int ox = 0; ox < outW; ox++) {
                    double[][] tx = axisTaps(w, outW, mode, ox);
                    int out = (plane * outH + oy) * outW + ox;
                    for (double[] a : ty) {
                        for (double[] b : tx) {
                            t.visit(out, plane * h * w + (int) a[0] * w + (int) b[0], a[1] * b[1]);
                        }
                    }
                }
            }
        }
        return new int[] {xs[0], xs[1], outH, outW};
    }

    public static TensorData interpolate(TensorData input, int outH, int outW, InterpolateMode mode) {
        return linearForward(input, t -> interpolateVisit(input.shape().dims(), outH, outW, mode, t));
    }

    public static TensorData interpolateBackward(TensorData input, TensorData outputGrad, InterpolateMode mode) {
        int[] gs = outputGrad.shape().dims();
        return linearBackward(input, outputGrad, t -> interpolateVisit(input.shape().dims(), gs[2], gs[3], mode, t));
    }

    // ---------------------------------------------------------------- helpers

    private interface Visit {
        int[] run(LinearTerm t);
    }

    private static TensorData linearForward(TensorData input, Visit visit) {
        double[] x = input.toDoubles();
        int[] os = visit.run((o, i, c) -> {});
        Nd out = Nd.zeros(os);
        visit.run((o, i, c) -> out.v[o] += c * x[i]);
        return out.to(input.dtype());
    }

    private static TensorData linearBackward(TensorData input, TensorData outputGrad, Visit visit) {
        double[] g = outputGrad.toDoubles();
        Nd gx = Nd.zeros(input.shape().dims());
        visit.run((o, i, c) -> gx.v[i] += c * g[o]);
        return gx.to(input.dtype());
    }

    /** {@code [a, b, c]} as {@code [a, b, 1, c]}. */
    public static TensorData unitHeight(TensorData t) {
        int[] s = t.shape().dims();
        return ReferenceLayout.reshape(t, Shape.of(s[0], s[1], 1, s[2]));
    }

    /** {@code [a, b, 1, c]} as {@code [a, b, c]}. */
    public static TensorData dropHeight(TensorData t) {
        int[] s = t.shape().dims();
        return ReferenceLayout.reshape(t, Shape.of(s[0], s[1], s[3]));
    }

    /** 1-D options lifted to 2-D over a unit height. */
    public static PoolOptions liftPool(PoolOptions o) {
        return new PoolOptions(new int[] {1, o.kernel()[0]}, new int[] {1, o.stride()[0]}, new int[] {0, o.padding()[0]},
                new int[] {1, o.dilation()[0]}, o.ceilMode(), o.countIncludePad());
    }
}
