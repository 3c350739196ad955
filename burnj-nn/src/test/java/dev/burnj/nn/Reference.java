package dev.burnj.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Plain-Java double-precision reference implementations of the layers, written from the definitions with explicit
 * loops, independent of any tensor op. Arrays are flat and row-major.
 */
final class Reference {
    private Reference() {}

    /** x [n, in], w [out, in], b [out] or null. */
    static double[] linear(double[] x, int n, int in, double[] w, int out, double[] b) {
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** The error function by its series of positive terms {@code 2/√π·e^(-x²)·Σ (2x²)^n·x / (1·3·…·(2n+1))}, to double precision. */
    static double erf(double x) {
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        double term = x;
        double sum = x;
        for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    /** The exact GELU {@code x·Φ(x)}. */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** Element-wise {@code a + b}. */
    static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    /**
     * Multi-head attention of q [batch, lq, e] over k and v [batch, lk, e] with stacked input projections win [3e, e],
     * bin [3e], and the output projection wout [e, e], bout [e]; {@code masked[b][i][j]} (null: none) removes key j
     * for query i.
     */
    static double[] attention(double[] q, double[] k, double[] v, int batch, int lq, int lk, int e, int heads, double[] win,
            double[] bin, double[] wout, double[] bout, boolean[][][] masked) {
        int d = e / heads;
        double[] qp = project(q, batch * lq, e, win, bin, 0);
        double[] kp = project(k, batch * lk, e, win, bin, 1);
        double[] vp = project(v, batch * lk, e, win, bin, 2);
        double[] merged = new double[batch * lq * e];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < lq; i++) {
                    double[] s = new double[lk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < lk; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += qp[(b * lq + i) * e + h * d + c] * kp[(b * lk + j) * e + h * d + c];
                        }
                        s[j] = masked != null && masked[b][i][j] ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(d);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < lk; j++) {
                        s[j] = Math.exp(s[j] - max);
                        z += s[j];
                    }
                    for (int c = 0; c < d; c++) {
                        double acc = 0;
                        for (int j = 0; j < lk; j++) {
                            acc += s[j] / z * vp[(b * lk + j) * e + h * d + c];
                        }
                        merged[(b * lq + i) * e + h * d + c] = acc;
                    }
                }
            }
        }
        return linear(merged, batch * lq, e, wout, e, bout);
    }

    /** Projection {@code part} (0 query, 1 key, 2 value) of x [rows, e] by the stacked win, bin. */
    private static double[] project(double[] x, int rows, int e, double[] win, double[] bin, int part) {
        double[] w = new double[e * e];
        double[] b = new double[e];
        System.arraycopy(win, part * e * e, w, 0, e * e);
        System.arraycopy(bin, part * e, b, 0, e);
        return linear(x, rows, e, w, e, b);
    }

    /**
     * A transformer encoder layer (PyTorch's, without dropout) on x [batch, length, e]; {@code p} holds the parameters in
     * state-dict order: in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias, linear1.weight, linear1.bias,
     * linear2.weight, linear2.bias, norm1.weight, norm1.bias, norm2.weight, norm2.bias.
     */
    static double[] transformerEncoderLayer(double[] x, int batch, int length, int e, int heads, int ff, double[][] p, boolean gelu,
            boolean normFirst, double eps, boolean[][][] masked) {
        int rows = batch * length;
        UnaryOperator<double[]> sa = y -> attention(y, y, y, batch, length, length, e, heads, p[0], p[1], p[2], p[3], masked);
        UnaryOperator<double[]> feedForward = y -> {
            double[] hidden = linear(y, rows, e, p[4], ff, p[5]);
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = gelu ? gelu(hidden[i]) : Math.max(hidden[i], 0);
            }
            return linear(hidden, rows, ff, p[6], e, p[7]);
        };
        UnaryOperator<double[]> norm1 = y -> layerNorm(y, rows, e, p[8], p[9], eps);
        UnaryOperator<double[]> norm2 = y -> layerNorm(y, rows, e, p[10], p[11], eps);
        if (normFirst) {
            double[] x1 = add(x, sa.apply(norm1.apply(x)));
            return add(x1, feedForward.apply(norm2.apply(x1)));
        }
        double[] x1 = norm1.apply(add(x, sa.apply(x)));
        return norm2.apply(add(x1, feedForward.apply(x1)));
    }

    /** x [n, c, h, w], weight [o, c/groups, kh, kw]; returns [n, o, oh, ow]. */
    static double[] conv2d(double[] x, int[] xs, double[] wt, int[] ws, double[] b, int[] stride, int[] pad, int[] dil, int groups) {
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3];
        int o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (w + 2 * pad[1] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        int og = o / groups;
        double[] y = new double[n * o * oh * ow];
        for (int b0 = 0; b0 < n; b0++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = b == null ? 0 : b[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            int cin = g * cg + ic;
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int yy = i * stride[0] - pad[0] + p * dil[0];
                                    int xx = j * stride[1] - pad[1] + q * dil[1];
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                        s += x[((b0 * c + cin) * h + yy) * w + xx] * wt[((oc * cg + ic) * kh + p) * kw + q];
                                    }
                                }
                            }
                        }
                        y[((b0 * o + oc) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return y;
    }

    /** x [n, c, h, w], weight [c, o, kh, kw] (one group, no dilation); returns [n, o, oh, ow] by scattering. */
    static double[] convTranspose2d(double[] x, int[] xs, double[] wt, int[] ws, double[] b, int stride, int pad, int outPad) {
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3];
        int o = ws[1], kh = ws[2], kw = ws[3];
        int oh = (h - 1) * stride - 2 * pad + kh + outPad;
        int ow = (w - 1) * stride - 2 * pad + kw + outPad;
        double[] y = new double[n * o * oh * ow];
        for (int b0 = 0; b0 < n; b0++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh * ow; i++) {
                    y[(b0 * o + oc) * oh * ow + i] = b == null ? 0 : b[oc];
                }
            }
            for (int ic = 0; ic < c; ic++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = x[((b0 * c + ic) * h + i) * w + j];
                        for (int oc = 0; oc < o; oc++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int yy = i * stride - pad + p;
                                    int xx = j * stride - pad + q;
                                    if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) {
                                        y[((b0 * o + oc) * oh + yy) * ow + xx] += v * wt[((ic * o + oc) * kh + p) * kw + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** Max or average pooling of [planes, h, w] with a k x k window, stride s, padding p (avg counts the padding). */
    static double[] pool2d(double[] x, int planes, int h, int w, int k, int s, int p, boolean max) {
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int a = 0; a < k; a++) {
                        for (int bb = 0; bb < k; bb++) {
                            int yy = i * s - p + a;
                            int xx = j * s - p + bb;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                double v = x[(pl * h + yy) * w + xx];
                                acc = max ? Math.max(acc, v) : acc + v;
                            }
                        }
                    }
                    y[(pl * oh + i) * ow + j] = max ? acc : acc / (k * k);
                }
            }
        }
        return y;
    }

    /** Adaptive average pooling of [planes, h, w] to oh x ow. */
    static double[] adaptiveAvgPool2d(double[] x, int planes, int h, int w, int oh, int ow) {
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                int y0 = Math.floorDiv(i * h, oh);
                int y1 = -Math.floorDiv(-(i + 1) * h, oh);
                for (int j = 0; j < ow; j++) {
                    int x0 = Math.floorDiv(j * w, ow);
                    int x1 = -Math.floorDiv(-(j + 1) * w, ow);
                    double s = 0;
                    for (int a = y0; a < y1; a++) {
                        for (int bb = x0; bb < x1; bb++) {
                            s += x[(pl * h + a) * w + bb];
                        }
                    }
                    y[(pl * oh + i) * ow + j] = s / ((y1 - y0) * (x1 - x0));
                }
            }
        }
        return y;
    }

    /** Nearest (PyTorch's legacy floor rule) or bilinear (align_corners=False) resize of [planes, h, w]. */
    static double[] resize(double[] x, int planes, int h, int w, int oh, int ow, boolean bilinear) {
        double[] y = new double[planes * oh * ow];
        double sh = (double) h / oh;
        double sw = (double) w / ow;
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double v;
                    if (!bilinear) {
                        int yy = Math.min((int) Math.floor(i * sh), h - 1);
                        int xx = Math.min((int) Math.floor(j * sw), w - 1);
                        v = x[(pl * h + yy) * w + xx];
                    } else {
                        double fy = Math.max((i + 0.5) * sh - 0.5, 0);
                        double fx = Math.max((j + 0.5) * sw - 0.5, 0);
                        int y0 = (int) fy;
                        int x0 = (int) fx;
                        int y1 = Math.min(y0 + 1, h - 1);
                        int x1 = Math.min(x0 + 1, w - 1);
                        double ly = fy - y0;
                        double lx = fx - x0;
                        v = (1 - ly) * ((1 - lx) * x[(pl * h + y0) * w + x0] + lx * x[(pl * h + y0) * w + x1])
                                + ly * ((1 - lx) * x[(pl * h + y1) * w + x0] + lx * x[(pl * h + y1) * w + x1]);
                    }
                    y[(pl * oh + i) * ow + j] = v;
                }
            }
        }
        return y;
    }

    /**
     * Normalises x viewed as [outer, c, inner] per channel over (outer, inner) with the given mean/var per channel
     * (null: the batch's, biased), then scales and shifts per channel (null: none).
     */
    static double[] batchNorm(double[] x, int outer, int c, int inner, double[] mean, double[] var, double[] gamma, double[] beta, double eps) {
        double[] m = mean != null ? mean : new double[c];
        double[] v = var != null ? var : new double[c];
        if (mean == null) {
            double[][] stats = channelStats(x, outer, c, inner);
            m = stats[0];
            v = stats[1];
        }
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < inner; i++) {
                    int idx = (o * c + ch) * inner + i;
                    double z = (x[idx] - m[ch]) / Math.sqrt(v[ch] + eps);
                    y[idx] = gamma == null ? z : z * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    /** Per-channel mean and biased variance of x viewed as [outer, c, inner]. */
    static double[][] channelStats(double[] x, int outer, int c, int inner) {
        double[] m = new double[c];
        double[] v = new double[c];
        int count = outer * inner;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    s += x[(o * c + ch) * inner + i];
                }
            }
            m[ch] = s / count;
            double q = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double d = x[(o * c + ch) * inner + i] - m[ch];
                    q += d * d;
                }
            }
            v[ch] = q / count;
        }
        return new double[][] {m, v};
    }

    /** Normalises each row of [rows, d] (layer norm, biased variance), then scales and shifts. */
    static double[] layerNorm(double[] x, int rows, int d, double[] gamma, double[] beta, double eps) {
        return batchNormRows(x, rows, d, gamma, beta, eps, true);
    }

    /** x / sqrt(mean(x²) + eps) · gamma for each row of [rows, d]. */
    static double[] rmsNorm(double[] x, int rows, int d, double[] gamma, double eps) {
        return batchNormRows(x, rows, d, gamma, null, eps, false);
    }

    private static double[] batchNormRows(double[] x, int rows, int d, double[] gamma, double[] beta, double eps, boolean center) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double m = 0;
            for (int i = 0; i < d; i++) {
                m += x[r * d + i];
            }
            m = center ? m / d : 0;
            double q = 0;
            for (int i = 0; i < d; i++) {
                q += (x[r * d + i] - m) * (x[r * d + i] - m);
            }
            double scale = 1 / Math.sqrt(q / d + eps);
            for (int i = 0; i < d; i++) {
                double z = (x[r * d + i] - m) * scale;
                y[r * d + i] = (gamma == null ? z : z * gamma[i]) + (beta == null ? 0 : beta[i]);
            }
        }
        return y;
    }

    /** The sizes of a recurrent network: LSTM (gates i, f, g, o) or GRU (gates r, z, n). */
    record Rnn(boolean lstm, int in, int hidden, int layers, boolean bidirectional, boolean batchFirst) {
        int directions() {
            return bidirectional ? 2 : 1;
        }
    }

    /**
     * A multi-layer recurrent network as PyTorch defines nn.LSTM and nn.GRU, without dropout. {@code params} maps
     * PyTorch state names ({@code weight_ih_l0_reverse}...) to flat values (absent biases: none); x is [L, B, in], or
     * [B, L, in] when batch first; h0 and c0 are [layers * directions, B, H] or null for zeros. Returns
     * {output, h_n, c_n}, c_n null for a GRU.
     */
    static double[][] recurrent(Rnn s, Map<String, double[]> params, double[] x, int length, int batch, double[] h0, double[] c0) {
        int hs = s.hidden();
        int dirs = s.directions();
        int gates = (s.lstm() ? 4 : 3) * hs;
        double[][][] seq = new double[length][batch][];
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < batch; b++) {
                int row = s.batchFirst() ? b * length + t : t * batch + b;
                seq[t][b] = Arrays.copyOfRange(x, row * s.in(), (row + 1) * s.in());
            }
        }
        double[] hn = new double[s.layers() * dirs * batch * hs];
        double[] cn = new double[hn.length];
        for (int k = 0; k < s.layers(); k++) {
            int in = k == 0 ? s.in() : hs * dirs;
            double[][][] next = new double[length][batch][hs * dirs];
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + k + (d == 1 ? "_reverse" : "");
                double[] wih = params.get("weight_ih" + suffix);
                double[] whh = params.get("weight_hh" + suffix);
                double[] bih = params.get("bias_ih" + suffix);
                double[] bhh = params.get("bias_hh" + suffix);
                for (int b = 0; b < batch; b++) {
                    int at = ((k * dirs + d) * batch + b) * hs;
                    double[] h = h0 == null ? new double[hs] : Arrays.copyOfRange(h0, at, at + hs);
                    double[] c = c0 == null ? new double[hs] : Arrays.copyOfRange(c0, at, at + hs);
                    for (int i = 0; i < length; i++) {
                        int t = d == 1 ? length - 1 - i : i;
                        double[] gx = linear(seq[t][b], 1, in, wih, gates, bih);
                        double[] gh = linear(h, 1, hs, whh, gates, bhh);
                        double[] hNew = new double[hs];
                        for (int j = 0; j < hs; j++) {
                            if (s.lstm()) {
                                double ig = sigmoid(gx[j] + gh[j]);
                                double fg = sigmoid(gx[hs + j] + gh[hs + j]);
                                double gg = Math.tanh(gx[2 * hs + j] + gh[2 * hs + j]);
                                double og = sigmoid(gx[3 * hs + j] + gh[3 * hs + j]);
                                c[j] = fg * c[j] + ig * gg;
                                hNew[j] = og * Math.tanh(c[j]);
                            } else {
                                double r = sigmoid(gx[j] + gh[j]);
                                double z = sigmoid(gx[hs + j] + gh[hs + j]);
                                double n = Math.tanh(gx[2 * hs + j] + r * gh[2 * hs + j]);
                                hNew[j] = (1 - z) * n + z * h[j];
                            }
                        }
                        h = hNew;
                        System.arraycopy(h, 0, next[t][b], d * hs, hs);
                    }
                    System.arraycopy(h, 0, hn, at, hs);
                    System.arraycopy(c, 0, cn, at, hs);
                }
            }
            seq = next;
        }
        int width = hs * dirs;
        double[] out = new double[length * batch * width];
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < batch; b++) {
                int row = s.batchFirst() ? b * length + t : t * batch + b;
                System.arraycopy(seq[t][b], 0, out, row * width, width);
            }
        }
        return new double[][] {out, hn, s.lstm() ? cn : null};
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
