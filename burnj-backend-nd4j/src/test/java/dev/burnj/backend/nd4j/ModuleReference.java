package dev.burnj.backend.nd4j;

/**
 * Plain-loop double-precision references for the module ops, written from PyTorch's definitions and independent of
 * ND4J. Backward references accumulate through the same loops as their forward pass.
 */
final class ModuleReference {
    private ModuleReference() {}

    /** Conv2d; when {@code gy} is non-null, accumulates the gradients into {@code gx}/{@code gw} instead of computing {@code y}. */
    static double[] conv2d(double[] x, int n, int cin, int h, int w, double[] wt, int cout, int kh, int kw, double[] bias, int[] s, int[] p,
            int[] d, int groups, double[] gy, double[] gx, double[] gw) {
        int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int ow = (w + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        int cinG = cin / groups;
        int coutG = cout / groups;
        double[] y = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < cout; co++) {
                int g = co / coutG;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int yi = ((b * cout + co) * oh + i) * ow + j;
                        double acc = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int hh = i * s[0] - p[0] + u * d[0];
                                    int ww = j * s[1] - p[1] + v * d[1];
                                    if (hh < 0 || hh >= h || ww < 0 || ww >= w) {
                                        continue;
                                    }
                                    int xi = ((b * cin + g * cinG + ci) * h + hh) * w + ww;
                                    int wi = ((co * cinG + ci) * kh + u) * kw + v;
                                    if (gy == null) {
                                        acc += x[xi] * wt[wi];
                                    } else {
                                        gx[xi] += gy[yi] * wt[wi];
                                        gw[wi] += gy[yi] * x[xi];
                                    }
                                }
                            }
                        }
                        y[yi] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** Transposed conv2d (weight [cin, cout/groups, kh, kw]); gradients as in {@link #conv2d}. */
    static double[] convTranspose2d(double[] x, int n, int cin, int h, int w, double[] wt, int coutG, int kh, int kw, double[] bias, int[] s,
            int[] p, int[] op, int[] d, int groups, double[] gy, double[] gx, double[] gw) {
        int oh = (h - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1;
        int ow = (w - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1;
        int cout = coutG * groups;
        int cinG = cin / groups;
        double[] y = new double[n * cout * oh * ow];
        if (bias != null && gy == null) {
            for (int i = 0; i < y.length; i++) {
                y[i] = bias[(i / (oh * ow)) % cout];
            }
        }
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < cin; ci++) {
                int g = ci / cinG;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int xi = ((b * cin + ci) * h + i) * w + j;
                        for (int co = 0; co < coutG; co++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int hh = i * s[0] - p[0] + u * d[0];
                                    int ww = j * s[1] - p[1] + v * d[1];
                                    if (hh < 0 || hh >= oh || ww < 0 || ww >= ow) {
                                        continue;
                                    }
                                    int yi = ((b * cout + g * coutG + co) * oh + hh) * ow + ww;
                                    int wi = ((ci * coutG + co) * kh + u) * kw + v;
                                    if (gy == null) {
                                        y[yi] += x[xi] * wt[wi];
                                    } else {
                                        gx[xi] += gy[yi] * wt[wi];
                                        gw[wi] += gy[yi] * x[xi];
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

    /** Output size of a pooling window, PyTorch's rule including ceil mode. */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        int num = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? (num + s - 1) / s : num / s) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }

    /** Max pool per plane: returns values, fills {@code idx} with the first maximum's flat plane index. */
    static double[] maxPool(double[] x, int planes, int h, int w, int k, int s, int p, int d, boolean ceil, long[] idx) {
        int oh = poolOut(h, k, s, p, d, ceil);
        int ow = poolOut(w, k, s, p, d, ceil);
        double[] y = new double[planes * oh * ow];
        for (int c = 0; c < planes; c++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    long at = -1;
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            int hh = i * s - p + u * d;
                            int ww = j * s - p + v * d;
                            if (hh < 0 || hh >= h || ww < 0 || ww >= w) {
                                continue;
                            }
                            double val = x[(c * h + hh) * w + ww];
                            if (val > best) {
                                best = val;
                                at = (long) hh * w + ww;
                            }
                        }
                    }
                    y[(c * oh + i) * ow + j] = best;
                    idx[(c * oh + i) * ow + j] = at;
                }
            }
        }
        return y;
    }

    /** Average pool per plane (PyTorch's divisor rules); with {@code gy} non-null accumulates the input gradient into {@code gx}. */
    static double[] avgPool(double[] x, int planes, int h, int w, int k, int s, int p, boolean ceil, boolean includePad, double[] gy, double[] gx) {
        int oh = poolOut(h, k, s, p, 1, ceil);
        int ow = poolOut(w, k, s, p, 1, ceil);
        double[] y = new double[planes * oh * ow];
        for (int c = 0; c < planes; c++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int hs = i * s - p;
                    int ws = j * s - p;
                    int he = Math.min(hs + k, h + p);
                    int we = Math.min(ws + k, w + p);
                    int poolSize = (he - hs) * (we - ws);
                    hs = Math.max(hs, 0);
                    ws = Math.max(ws, 0);
                    he = Math.min(he, h);
                    we = Math.min(we, w);
                    int divisor = includePad ? poolSize : (he - hs) * (we - ws);
                    int yi = (c * oh + i) * ow + j;
                    double sum = 0;
                    for (int hh = hs; hh < he; hh++) {
                        for (int ww = ws; ww < we; ww++) {
                            if (gy == null) {
                                sum += x[(c * h + hh) * w + ww];
                            } else {
                                gx[(c * h + hh) * w + ww] += gy[yi] / divisor;
                            }
                        }
                    }
                    y[yi] = sum / divisor;
                }
            }
        }
        return y;
    }

    /** Adaptive average pool per plane; with {@code gy} non-null accumulates the gradient into {@code gx}. */
    static double[] adaptiveAvgPool(double[] x, int planes, int h, int w, int oh, int ow, double[] gy, double[] gx) {
        double[] y = new double[planes * oh * ow];
        for (int c = 0; c < planes; c++) {
            for (int i = 0; i < oh; i++) {
                int hs = (int) Math.floor((double) i * h / oh);
                int he = (int) Math.ceil((double) (i + 1) * h / oh);
                for (int j = 0; j < ow; j++) {
                    int ws = (int) Math.floor((double) j * w / ow);
                    int we = (int) Math.ceil((double) (j + 1) * w / ow);
                    int count = (he - hs) * (we - ws);
                    int yi = (c * oh + i) * ow + j;
                    for (int hh = hs; hh < he; hh++) {
                        for (int ww = ws; ww < we; ww++) {
                            if (gy == null) {
                                y[yi] += x[(c * h + hh) * w + ww] / count;
                            } else {
                                gx[(c * h + hh) * w + ww] += gy[yi] / count;
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** Interpolation per plane, nearest or bilinear (align_corners=false); gradient like the others. */
    static double[] interpolate(double[] x, int planes, int h, int w, int oh, int ow, boolean bilinear, double[] gy, double[] gx) {
        double[] y = new double[planes * oh * ow];
        for (int c = 0; c < planes; c++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int yi = (c * oh + i) * ow + j;
                    if (!bilinear) {
                        int hh = Math.min((int) Math.floor((double) i * h / oh), h - 1);
                        int ww = Math.min((int) Math.floor((double) j * w / ow), w - 1);
                        tap(x, gx, gy, y, yi, (c * h + hh) * w + ww, 1.0);
                        continue;
                    }
                    double sh = Math.max(0, (i + 0.5) * h / oh - 0.5);
                    double sw = Math.max(0, (j + 0.5) * w / ow - 0.5);
                    int h0 = (int) sh;
                    int w0 = (int) sw;
                    int h1 = Math.min(h0 + 1, h - 1);
                    int w1 = Math.min(w0 + 1, w - 1);
                    double lh = sh - h0;
                    double lw = sw - w0;
                    tap(x, gx, gy, y, yi, (c * h + h0) * w + w0, (1 - lh) * (1 - lw));
                    tap(x, gx, gy, y, yi, (c * h + h0) * w + w1, (1 - lh) * lw);
                    tap(x, gx, gy, y, yi, (c * h + h1) * w + w0, lh * (1 - lw));
                    tap(x, gx, gy, y, yi, (c * h + h1) * w + w1, lh * lw);
                }
            }
        }
        return y;
    }

    private static void tap(double[] x, double[] gx, double[] gy, double[] y, int yi, int xi, double weight) {
        if (gy == null) {
            y[yi] += weight * x[xi];
        } else {
            gx[xi] += weight * gy[yi];
        }
    }
}
