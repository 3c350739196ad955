package dev.burnj.backend.vulkan;

import dev.burnj.backend.ConvOptions;
import dev.burnj.tensor.Shape;

/**
 * conv2d and its gradients as GEMMs over unfolded patches (im2col), which run at {@link MatMul}'s speed instead of
 * the direct kernels' one-output-per-invocation loops. For groups {@code G}, {@code K = C/G * kH * kW} patch values
 * and {@code P = OH * OW} output positions:
 * <ul>
 *   <li>forward: {@code cols = im2col(x)} as {@code [N, G, K, P]}; {@code y = w[1, G, OC/G, K] @ cols}, plus bias;
 *   <li>input gradient: {@code dcols = w^T @ gy} as {@code [N, G, K, P]}, folded back by {@code col2im}, which gathers
 *       each input element's patch entries (no atomics);
 *   <li>weight gradient: {@code gy @ cols^T} per batch element, summed over the batch.
 * </ul>
 * {@link #fits} says when the unfolded patches stay small enough; otherwise {@link Convolutions} uses its direct
 * kernels.
 */
final class ConvGemm {
    /** Largest unfolded patch tensor this path allocates. */
    static final long MAX_COLS_BYTES = 64L << 20;

    private final Compute compute;
    private final Layouts layouts;
    private final MatMul matmul;
    private final Elementwise elementwise;
    private final Reductions reductions;

    ConvGemm(Compute compute, Layouts layouts, MatMul matmul, Elementwise elementwise, Reductions reductions) {
        this.compute = compute;
        this.layouts = layouts;
        this.matmul = matmul;
        this.elementwise = elementwise;
        this.reductions = reductions;
    }

    /** Whether {@code x} convolved by {@code w} unfolds within {@link #MAX_COLS_BYTES} and the device's binding limit. */
    static boolean fits(VulkanTensor x, VulkanTensor w, ConvOptions o) {
        int[] xs = x.shape().dims();
        int[] ws = w.shape().dims();
        long p = (long) o.outputSize(0, xs[2], ws[2]) * o.outputSize(1, xs[3], ws[3]);
        long bytes = (long) xs[0] * xs[1] * ws[2] * ws[3] * p * Glsl.bytes(x.dtype());
        return bytes <= Math.min(MAX_COLS_BYTES, x.gpu().info.maxStorageBufferRange()) && (long) ws[1] * ws[2] * ws[3] <= Compute.LOOP_BUDGET / 2;
    }

    VulkanTensor forward(VulkanTensor x, VulkanTensor w, VulkanTensor bias, ConvOptions o) {
        Geometry g = new Geometry(x.shape(), w.shape(), o);
        VulkanTensor cols = im2col(x, g);
        VulkanTensor wv = layouts.reshape(w, Shape.of(1, g.groups, g.outG, g.k));
        VulkanTensor y = matmul.matmul(wv, cols);
        wv.release();
        cols.release();
        VulkanTensor out = layouts.reshape(y, Shape.of(g.n, g.outC, g.oh, g.ow));
        y.release();
        if (bias == null) {
            return out;
        }
        VulkanTensor b = layouts.reshape(bias, Shape.of(1, g.outC, 1, 1));
        try {
            return elementwise.binary("add", "a + b", "a + b", out, b);
        } finally {
            b.release();
            out.release();
        }
    }

    VulkanTensor inputGrad(VulkanTensor gy, VulkanTensor w, Shape xShape, ConvOptions o) {
        Geometry g = new Geometry(xShape, w.shape(), o);
        VulkanTensor gyv = layouts.reshape(gy, Shape.of(g.n, g.groups, g.outG, g.p));
        VulkanTensor wv = layouts.reshape(w, Shape.of(1, g.groups, g.outG, g.k));
        VulkanTensor wt = layouts.permute(wv, new int[] {0, 1, 3, 2});
        VulkanTensor dcols = matmul.matmul(wt, gyv);
        gyv.release();
        wv.release();
        wt.release();
        try {
            return col2im(dcols, g);
        } finally {
            dcols.release();
        }
    }

    /** The weight gradient, or null when its GEMM would loop over too many output positions in one invocation. */
    VulkanTensor weightGrad(VulkanTensor gy, VulkanTensor x, Shape wShape, ConvOptions o) {
        Geometry g = new Geometry(x.shape(), wShape, o);
        if (g.p > Compute.LOOP_BUDGET / 2) {
            return null;
        }
        VulkanTensor cols = im2col(x, g);
        VulkanTensor colsT = layouts.permute(cols, new int[] {0, 1, 3, 2});
        VulkanTensor gyv = layouts.reshape(gy, Shape.of(g.n, g.groups, g.outG, g.p));
        VulkanTensor perSample = matmul.matmul(gyv, colsT);
        cols.release();
        colsT.release();
        gyv.release();
        VulkanTensor summed = reductions.dim(perSample, 0, Reductions.Fold.SUM);
        perSample.release();
        try {
            return layouts.reshape(summed, wShape);
        } finally {
            summed.release();
        }
    }

    /** Sizes shared by the three GEMMs. */
    private static final class Geometry {
        final int n, c, h, w, outC, kh, kw, groups, outG, cg, oh, ow, k, p;
        final ConvOptions o;

        Geometry(Shape x, Shape weight, ConvOptions o) {
            int[] xs = x.dims();
            int[] ws = weight.dims();
            n = xs[0];
            c = xs[1];
            h = xs[2];
            w = xs[3];
            outC = ws[0];
            cg = ws[1];
            kh = ws[2];
            kw = ws[3];
            groups = o.groups();
            outG = outC / groups;
            oh = o.outputSize(0, h, kh);
            ow = o.outputSize(1, w, kw);
            k = cg * kh * kw;
            p = oh * ow;
            this.o = o;
        }

        Params params(long total) {
            return new Params().add((int) total, n, c, h, w, groups, kh, kw, oh, ow).add(o.stride()).add(o.padding()).add(o.dilation());
        }
    }

    private static final String HEAD = "  int N = p[1], C = p[2], H = p[3], W = p[4], G = p[5], KH = p[6], KW = p[7], OH = p[8], OW = p[9];\n"
            + "  int sH = p[10], sW = p[11], pH = p[12], pW = p[13], dH = p[14], dW = p[15];\n"
            + "  int Cg = C / G, K = Cg * KH * KW, P = OH * OW;\n";

    private VulkanTensor im2col(VulkanTensor x, Geometry g) {
        Gpu gpu = x.gpu();
        VulkanTensor cols = compute.empty(gpu, Shape.of(g.n, g.groups, g.k, g.p), x.dtype());
        long total = cols.shape().numel();
        if (total == 0) {
            return cols;
        }
        String t = Glsl.type(x.dtype());
        String src = Glsl.header(gpu.workgroup, 1) + Glsl.buffer(1, "o_", x.dtype(), false) + Glsl.buffer(2, "x_", x.dtype(), true)
                + Glsl.VIEW4 + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n" + HEAD
                + "  int q = int(gid % uint(P));\n  uint t_ = gid / uint(P);\n  int r = int(t_ % uint(K));\n  t_ /= uint(K);\n"
                + "  int g = int(t_ % uint(G));\n  int n = int(t_ / uint(G));\n"
                + "  int cl = r / (KH * KW), ky = (r / KW) % KH, kx = r % KW;\n"
                + "  int iy = (q / OW) * sH - pH + ky * dH, ix = (q % OW) * sW - pW + kx * dW;\n"
                + "  o_[gid] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? x_[v4(16, n, g * Cg + cl, iy, ix)] : " + t + "(0);\n}\n";
        Kernel k = gpu.kernels.get("im2col", src, 3);
        Params p = g.params(total).view(x.offset, x.strides());
        Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {cols.storage.allocation, x.storage.allocation}, total);
        return cols;
    }

    private VulkanTensor col2im(VulkanTensor dcols, Geometry g) {
        Gpu gpu = dcols.gpu();
        VulkanTensor gx = compute.empty(gpu, Shape.of(g.n, g.c, g.h, g.w), dcols.dtype());
        long total = gx.shape().numel();
        if (total == 0) {
            return gx;
        }
        String t = Glsl.type(dcols.dtype());
        String src = Glsl.header(gpu.workgroup, 1) + Glsl.buffer(1, "o_", dcols.dtype(), false)
                + Glsl.buffer(2, "d_", dcols.dtype(), true) + "void main() {\n" + Glsl.linearIndex(gpu.workgroup)
                + "  if (gid >= uint(p[0])) return;\n" + HEAD + Glsl.decode4("C", "H", "W")
                + "  int g = c / Cg, cl = c - g * Cg;\n  int base = (n * G + g) * K * P;\n"
                + "  " + t + " acc = " + t + "(0);\n"
                + "  for (int ky = 0; ky < KH; ky++) {\n    int ty = y + pH - ky * dH;\n"
                + "    if (ty < 0 || ty % sH != 0 || ty / sH >= OH) continue;\n"
                + "    for (int kx = 0; kx < KW; kx++) {\n      int tx = x + pW - kx * dW;\n"
                + "      if (tx < 0 || tx % sW != 0 || tx / sW >= OW) continue;\n"
                + "      acc += d_[base + ((cl * KH + ky) * KW + kx) * P + (ty / sH) * OW + tx / sW];\n    }\n  }\n"
                + "  o_[gid] = acc;\n}\n";
        Kernel k = gpu.kernels.get("col2im", src, 3);
        Compute.dispatch1d(gpu, k, g.params(total).build(), new Allocation[] {gx.storage.allocation, dcols.storage.allocation}, total);
        return gx;
    }
}
