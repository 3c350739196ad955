package dev.burnj.backend.vulkan;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * 2-D convolution, transposed convolution and their gradients as direct gather-form kernels (one invocation per
 * output element, no atomics, so results are deterministic). Three kernel shapes cover all six ops:
 * <ul>
 *   <li>correlate: {@code out[n,co,y,x] = sum src[n,ci,y*s-p+k*d] * w[co,ci',k]} (conv2d forward, and the input
 *       gradient of the transposed conv);
 *   <li>transposed: {@code out[n,co,y,x] = sum src[n,ci,(y+p-k*d)/s] * w[ci,co',k]} where the division is exact
 *       (the input gradient of conv2d, and the transposed conv forward);
 *   <li>weight gradient: {@code gw[a,b',k] = sum a[n,a,py,px] * b[n,b,py*s-p+k*d]}.
 * </ul>
 * Bias gradients are sums over batch and space. Inputs are read through their strides. conv2d and its gradients
 * take the im2col + GEMM path of {@link ConvGemm} where its unfolded patches fit; the direct kernels serve the
 * rest and the transposed convolution.
 */
final class Convolutions {
    private enum Form {
        CORRELATE,
        TRANSPOSED,
        WEIGHT_GRAD
    }

    /** System property: {@code direct} makes conv2d use the direct kernels even where the GEMM path fits. */
    static final String MODE_PROPERTY = "burnj.vulkan.conv";

    private final Compute compute;
    private final Reductions reductions;
    private final Layouts layouts;
    /** The im2col + GEMM path, or null when the direct kernels are forced. */
    private final ConvGemm gemm;

    Convolutions(Compute compute, Reductions reductions, Layouts layouts, ConvGemm gemm) {
        this.compute = compute;
        this.reductions = reductions;
        this.layouts = layouts;
        this.gemm = "direct".equals(System.getProperty(MODE_PROPERTY)) ? null : gemm;
    }

    VulkanTensor conv2d(VulkanTensor x, VulkanTensor w, VulkanTensor bias, ConvOptions o) {
        if (gemm != null && ConvGemm.fits(x, w, o)) {
            return gemm.forward(x, w, bias, o);
        }
        int[] xs = x.shape().dims();
        int[] ws = w.shape().dims();
        int oh = o.outputSize(0, xs[2], ws[2]);
        int ow = o.outputSize(1, xs[3], ws[3]);
        return run(Form.CORRELATE, Shape.of(xs[0], ws[0], oh, ow), x, w, bias, ws[2], ws[3], o.stride(), o.padding(), o.dilation(), o.groups());
    }

    ConvGradients conv2dBackward(VulkanTensor x, VulkanTensor w, VulkanTensor bias, VulkanTensor gy, ConvOptions o) {
        int[] ws = w.shape().dims();
        boolean viaGemm = gemm != null && ConvGemm.fits(x, w, o);
        VulkanTensor gx = viaGemm ? gemm.inputGrad(gy, w, x.shape(), o)
                : run(Form.TRANSPOSED, x.shape(), gy, w, null, ws[2], ws[3], o.stride(), o.padding(), o.dilation(), o.groups());
        VulkanTensor gw = viaGemm ? gemm.weightGrad(gy, x, w.shape(), o) : null;
        if (gw == null) {
            gw = weightGrad(w.shape(), gy, x, o.stride(), o.padding(), o.dilation(), o.groups());
        }
        return new ConvGradients(gx, gw, bias == null ? null : biasGrad(gy));
    }

    VulkanTensor convTranspose2d(VulkanTensor x, VulkanTensor w, VulkanTensor bias, ConvTransposeOptions o) {
        int[] xs = x.shape().dims();
        int[] ws = w.shape().dims();
        int oh = (xs[2] - 1) * o.stride()[0] - 2 * o.padding()[0] + o.dilation()[0] * (ws[2] - 1) + o.outputPadding()[0] + 1;
        int ow = (xs[3] - 1) * o.stride()[1] - 2 * o.padding()[1] + o.dilation()[1] * (ws[3] - 1) + o.outputPadding()[1] + 1;
        return run(Form.TRANSPOSED, Shape.of(xs[0], ws[1] * o.groups(), oh, ow), x, w, bias, ws[2], ws[3], o.stride(), o.padding(),
                o.dilation(), o.groups());
    }

    ConvGradients convTranspose2dBackward(VulkanTensor x, VulkanTensor w, VulkanTensor bias, VulkanTensor gy, ConvTransposeOptions o) {
        int[] ws = w.shape().dims();
        VulkanTensor gx = run(Form.CORRELATE, x.shape(), gy, w, null, ws[2], ws[3], o.stride(), o.padding(), o.dilation(), o.groups());
        VulkanTensor gw = weightGrad(w.shape(), x, gy, o.stride(), o.padding(), o.dilation(), o.groups());
        return new ConvGradients(gx, gw, bias == null ? null : biasGrad(gy));
    }

    /** Rows of the weight-gradient sum (batch element, spatial row) that one invocation folds at most. */
    private static final long ROW_ITERATIONS = 16_384;

    /**
     * The weight gradient {@code gw[a, b', k] = sum over (n, py, px) of a[n,a,py,px] * b[n,b,py*s-p+k*d,...]}: its sum
     * runs over the batch and the whole image, so the (n, py) rows are split into chunks whose partial sums are
     * computed in parallel and then added, keeping every invocation within the loop budget.
     */
    private VulkanTensor weightGrad(Shape wShape, VulkanTensor a, VulkanTensor b, int[] s, int[] pad, int[] d, int groups) {
        int[] as = a.shape().dims();
        long rows = (long) as[0] * as[2];
        int rowsPerChunk = (int) Math.max(1, ROW_ITERATIONS / (as[3] + 1));
        Compute.checkBudget("conv weight gradient", (long) rowsPerChunk * (as[3] + 1));
        int chunks = (int) Math.max(1, (rows + rowsPerChunk - 1) / rowsPerChunk);
        int[] ws = wShape.dims();
        Shape partialShape = Shape.of(chunks, ws[0], ws[1], ws[2], ws[3]);
        VulkanTensor partial = run(Form.WEIGHT_GRAD, partialShape, a, b, null, ws[2], ws[3], s, pad, d, groups, rowsPerChunk);
        try {
            if (chunks == 1) {
                return layouts.reshape(partial, wShape);
            }
            VulkanTensor summed = reductions.dim(partial, 0, Reductions.Fold.SUM);
            try {
                return layouts.reshape(summed, wShape);
            } finally {
                summed.release();
            }
        } finally {
            partial.release();
        }
    }

    /** The sum of {@code gy} over batch and both spatial dims, shape {@code [C]}. */
    private VulkanTensor biasGrad(VulkanTensor gy) {
        VulkanTensor a = reductions.dim(gy, 0, Reductions.Fold.SUM);
        VulkanTensor b = reductions.dim(a, 2, Reductions.Fold.SUM);
        a.release();
        VulkanTensor c = reductions.dim(b, 3, Reductions.Fold.SUM);
        b.release();
        try {
            return layouts.reshape(c, Shape.of(gy.shape().dim(1)));
        } finally {
            c.release();
        }
    }

    /**
     * One kernel of {@code form} into a new tensor of {@code out}: {@code src} is the spatial operand (for the weight
     * gradient the one indexed at output positions), {@code other} the weight (or the second spatial operand).
     */
    private VulkanTensor run(Form form, Shape out, VulkanTensor src, VulkanTensor other, VulkanTensor bias, int kh, int kw, int[] s, int[] pad,
            int[] d, int groups) {
        Compute.checkBudget("conv", (long) (src.shape().dim(1) / groups) * kh * (kw + 1));
        return run(form, out, src, other, bias, kh, kw, s, pad, d, groups, 0);
    }

    private VulkanTensor run(Form form, Shape out, VulkanTensor src, VulkanTensor other, VulkanTensor bias, int kh, int kw, int[] s, int[] pad,
            int[] d, int groups, int rowsPerChunk) {
        Gpu gpu = src.gpu();
        DType dtype = src.dtype();
        VulkanTensor result = compute.empty(gpu, out, dtype);
        long n = out.numel();
        if (n == 0) {
            return result;
        }
        int[] od = out.dims();
        int[] sd = src.shape().dims();
        int[] xd = other.shape().dims();
        Params p = new Params().add((int) n);
        if (form == Form.WEIGHT_GRAD) {
            // Here the "out" channels are src's, the spatial extent looped over is src's, and other is the shifted operand.
            p.add(sd[0], sd[1], sd[2], sd[3], xd[1], xd[2], xd[3]);
        } else {
            p.add(od[0], od[1], od[2], od[3], sd[1], sd[2], sd[3]);
        }
        p.add(kh, kw, s[0], s[1], pad[0], pad[1], d[0], d[1], groups, bias == null ? 0 : 1);
        p.view(src.offset, src.strides()).view(other.offset, other.strides());
        p.add(bias == null ? 0 : bias.offset, bias == null ? 0 : bias.stride(0), rowsPerChunk);
        VulkanTensor b = bias == null ? src : bias;
        Kernel kernel = gpu.kernels.get("conv_" + form.name().toLowerCase(), source(gpu.workgroup, form, dtype), 5);
        long perOutput = form == Form.WEIGHT_GRAD ? (long) Math.max(1, rowsPerChunk) * sd[3] : (long) (sd[1] / groups) * kh * kw;
        Compute.dispatch1d(gpu, kernel, p.build(),
                new Allocation[] {result.storage.allocation, src.storage.allocation, other.storage.allocation, b.storage.allocation}, n,
                n * perOutput);
        return result;
    }

    private static String source(int wg, Form form, DType dtype) {
        String t = Glsl.type(dtype);
        StringBuilder s = new StringBuilder(Glsl.header(wg, 1)).append(Glsl.buffer(1, "o_", dtype, false))
                .append(Glsl.buffer(2, "s_", dtype, true)).append(Glsl.buffer(3, "w_", dtype, true)).append(Glsl.buffer(4, "b_", dtype, true))
                .append(Glsl.VIEW4).append("void main() {\n").append(Glsl.linearIndex(wg))
                .append("  if (gid >= uint(p[0])) return;\n")
                .append("  int KH = p[8], KW = p[9], sH = p[10], sW = p[11], pH = p[12], pW = p[13], dH = p[14], dW = p[15], G = p[16];\n")
                .append("  const int SV = 18, WV = 23;\n");
        switch (form) {
            case CORRELATE, TRANSPOSED -> {
                s.append("  int outC = p[2], outH = p[3], outW = p[4], srcC = p[5], srcH = p[6], srcW = p[7];\n")
                        .append(Glsl.decode4("outC", "outH", "outW"))
                        .append("  int outG = outC / G, srcG = srcC / G, g = c / outG, cl = c - g * outG;\n")
                        .append("  ").append(t).append(" acc = p[17] != 0 ? b_[p[28] + c * p[29]] : ").append(t).append("(0);\n")
                        .append("  for (int il = 0; il < srcG; il++) {\n    int ci = g * srcG + il;\n")
                        .append("    for (int ky = 0; ky < KH; ky++) {\n");
                if (form == Form.CORRELATE) {
                    s.append("      int iy = y * sH - pH + ky * dH;\n      if (iy < 0 || iy >= srcH) continue;\n")
                            .append("      for (int kx = 0; kx < KW; kx++) {\n        int ix = x * sW - pW + kx * dW;\n")
                            .append("        if (ix < 0 || ix >= srcW) continue;\n")
                            .append("        acc += s_[v4(SV, n, ci, iy, ix)] * w_[v4(WV, c, il, ky, kx)];\n");
                } else {
                    s.append("      int ty = y + pH - ky * dH;\n      if (ty < 0 || ty % sH != 0 || ty / sH >= srcH) continue;\n")
                            .append("      int iy = ty / sH;\n")
                            .append("      for (int kx = 0; kx < KW; kx++) {\n        int tx = x + pW - kx * dW;\n")
                            .append("        if (tx < 0 || tx % sW != 0 || tx / sW >= srcW) continue;\n")
                            .append("        acc += s_[v4(SV, n, ci, iy, tx / sW)] * w_[v4(WV, ci, cl, ky, kx)];\n");
                }
                s.append("      }\n    }\n  }\n  o_[gid] = acc;\n}\n");
            }
            case WEIGHT_GRAD -> s.append("  int N = p[1], aC = p[2], aH = p[3], aW = p[4], bC = p[5], bH = p[6], bW = p[7];\n")
                    .append("  int bGroup = bC / G;\n  uint per = uint(aC * bGroup * KH * KW);\n  int chunk = int(gid / per);\n")
                    .append("  uint rest = gid % per;\n")
                    .append(Glsl.decode4("rest", "bGroup", "KH", "KW"))
                    .append("  int ky = y, kx = x, ac = n, bl = c;\n")
                    .append("  int g = ac / (aC / G), bc = g * bGroup + bl;\n")
                    .append("  int rows = p[30], r0 = chunk * rows, r1 = min(r0 + rows, N * aH);\n")
                    .append("  ").append(t).append(" acc = ").append(t).append("(0);\n")
                    .append("  for (int r = r0; r < r1; r++) {\n    int b = r / aH, py = r - b * aH;\n")
                    .append("    int by = py * sH - pH + ky * dH;\n    if (by < 0 || by >= bH) continue;\n")
                    .append("    for (int px = 0; px < aW; px++) {\n      int bx = px * sW - pW + kx * dW;\n")
                    .append("      if (bx < 0 || bx >= bW) continue;\n")
                    .append("      acc += s_[v4(SV, b, ac, py, px)] * w_[v4(WV, b, bc, by, bx)];\n    }\n  }\n")
                    .append("  o_[gid] = acc;\n}\n");
        }
        return s.toString();
    }
}
