package dev.burnj.backend.vulkan;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Pooling and interpolation over {@code [N, C, H, W]}: forwards run one invocation per output element, backwards
 * one per input element that gathers from the outputs whose window (or interpolation taps) reach it, so no atomics
 * are needed. Window and tap positions use integer arithmetic, so float kernels pick exactly the reference's
 * source pixels.
 */
final class Spatial {
    private static final String POOL_PARAMS = "  int N = p[1], C = p[2], H = p[3], W = p[4], OH = p[5], OW = p[6];\n"
            + "  int kH = p[7], kW = p[8], sH = p[9], sW = p[10], pH = p[11], pW = p[12], dH = p[13], dW = p[14], incl = p[15];\n";

    /** PyTorch's average-pool divisor for output (oy, ox); the window is clipped to input plus padding first. */
    private static final String DIVISOR = "int divisor(int oy, int ox) {\n"
            + "  int H = p[3], W = p[4], kH = p[7], kW = p[8], sH = p[9], sW = p[10], pH = p[11], pW = p[12], dH = p[13], dW = p[14];\n"
            + "  int py = 0, iny = 0, px = 0, inx = 0;\n"
            + "  for (int k = 0; k < kH; k++) { int iy = oy * sH - pH + k * dH; if (iy < H + pH) py++; if (iy >= 0 && iy < H) iny++; }\n"
            + "  for (int k = 0; k < kW; k++) { int ix = ox * sW - pW + k * dW; if (ix < W + pW) px++; if (ix >= 0 && ix < W) inx++; }\n"
            + "  return p[15] != 0 ? py * px : iny * inx;\n}\n";

    /**
     * Interpolation taps along one axis for output {@code o} of {@code out} over {@code in} ({@code align_corners=false}):
     * indices {@code i0, i1} and the weight {@code l1} of {@code i1} (nearest: one tap of weight 1).
     */
    private static final String TAPS = "void taps(int o, int inS, int outS, bool bilinear, out int i0, out int i1, out T l1) {\n"
            + "  if (!bilinear) { i0 = min((o * inS) / outS, inS - 1); i1 = i0; l1 = T(0); return; }\n"
            + "  int num = (2 * o + 1) * inS - outS;\n"
            + "  if (num <= 0) { i0 = 0; i1 = min(1, inS - 1); l1 = T(0); return; }\n"
            + "  i0 = min(num / (2 * outS), inS - 1);\n"
            + "  i1 = min(i0 + 1, inS - 1);\n"
            + "  l1 = T(num - i0 * 2 * outS) / T(2 * outS);\n}\n";

    private final Compute compute;

    Spatial(Compute compute) {
        this.compute = compute;
    }

    private static Params poolParams(long n, int[] xs, int oh, int ow, PoolOptions o) {
        Compute.checkBudget("pooling", (long) o.kernel()[0] * (o.kernel()[1] + 1));
        return new Params().add((int) n, xs[0], xs[1], xs[2], xs[3], oh, ow).add(o.kernel()).add(o.stride()).add(o.padding())
                .add(o.dilation()).add(o.countIncludePad() ? 1 : 0);
    }

    private static String head(Gpu gpu, String... buffers) {
        return Glsl.header(gpu.workgroup, 1) + String.join("", buffers) + Glsl.VIEW4;
    }

    MaxPoolResult maxPool(VulkanTensor x, PoolOptions o) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int oh = o.outputSize(0, xs[2]);
        int ow = o.outputSize(1, xs[3]);
        Shape out = Shape.of(xs[0], xs[1], oh, ow);
        VulkanTensor values = compute.empty(gpu, out, x.dtype());
        VulkanTensor indices = compute.empty(gpu, out, DType.I64);
        long n = out.numel();
        if (n > 0) {
            String t = Glsl.type(x.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", x.dtype(), false), Glsl.buffer(2, "ix_", DType.I64, false),
                    Glsl.buffer(3, "x_", x.dtype(), true))
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n" + POOL_PARAMS
                    + Glsl.decode4("C", "OH", "OW")
                    + "  " + t + " best = " + t + "(0);\n  int arg = -1;\n"
                    + "  for (int ky = 0; ky < kH; ky++) {\n    int iy = y * sH - pH + ky * dH;\n    if (iy < 0 || iy >= H) continue;\n"
                    + "    for (int kx = 0; kx < kW; kx++) {\n      int ix = x * sW - pW + kx * dW;\n      if (ix < 0 || ix >= W) continue;\n"
                    + "      " + t + " v = x_[v4(16, n, c, iy, ix)];\n"
                    + "      if (arg < 0 || v > best) { best = v; arg = iy * W + ix; }\n    }\n  }\n"
                    + "  o_[gid] = best;\n  ix_[gid] = int64_t(arg);\n}\n";
            Kernel k = gpu.kernels.get("max_pool2d", src, 4);
            Params p = poolParams(n, xs, oh, ow, o).view(x.offset, x.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {values.storage.allocation, indices.storage.allocation, x.storage.allocation}, n);
        }
        return new MaxPoolResult(values, indices);
    }

    /** For input (n, c, iy, ix): loops {@code oy, ox} over the outputs whose window contains it, then runs {@code body}. */
    private static String windowsContaining(String body) {
        return "  for (int ky = 0; ky < kH; ky++) {\n    int ty = y + pH - ky * dH;\n    if (ty < 0 || ty % sH != 0 || ty / sH >= OH) continue;\n"
                + "    int oy = ty / sH;\n    for (int kx = 0; kx < kW; kx++) {\n      int tx = x + pW - kx * dW;\n"
                + "      if (tx < 0 || tx % sW != 0 || tx / sW >= OW) continue;\n      int ox = tx / sW;\n" + body + "    }\n  }\n";
    }

    VulkanTensor maxPoolBackward(VulkanTensor x, PoolOptions o, VulkanTensor gy, VulkanTensor indices) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int[] gs = gy.shape().dims();
        VulkanTensor gx = compute.empty(gpu, x.shape(), gy.dtype());
        long n = x.shape().numel();
        if (n > 0) {
            String t = Glsl.type(gy.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", gy.dtype(), false), Glsl.buffer(2, "g_", gy.dtype(), true),
                    Glsl.buffer(3, "ix_", indices.dtype(), true))
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n" + POOL_PARAMS
                    + Glsl.decode4("C", "H", "W")
                    + "  " + t + " acc = " + t + "(0);\n  int self = y * W + x;\n"
                    + windowsContaining("      if (int(ix_[v4(21, n, c, oy, ox)]) == self) acc += g_[v4(16, n, c, oy, ox)];\n")
                    + "  o_[gid] = acc;\n}\n";
            Kernel k = gpu.kernels.get("max_pool2d_backward", src, 4);
            Params p = poolParams(n, xs, gs[2], gs[3], o).view(gy.offset, gy.strides()).view(indices.offset, indices.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {gx.storage.allocation, gy.storage.allocation, indices.storage.allocation}, n);
        }
        return gx;
    }

    VulkanTensor avgPool(VulkanTensor x, PoolOptions o) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int oh = o.outputSize(0, xs[2]);
        int ow = o.outputSize(1, xs[3]);
        Shape out = Shape.of(xs[0], xs[1], oh, ow);
        VulkanTensor result = compute.empty(gpu, out, x.dtype());
        long n = out.numel();
        if (n > 0) {
            String t = Glsl.type(x.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", x.dtype(), false), Glsl.buffer(2, "x_", x.dtype(), true)) + DIVISOR
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n" + POOL_PARAMS
                    + Glsl.decode4("C", "OH", "OW")
                    + "  " + t + " acc = " + t + "(0);\n"
                    + "  for (int ky = 0; ky < kH; ky++) {\n    int iy = y * sH - pH + ky * dH;\n    if (iy < 0 || iy >= H) continue;\n"
                    + "    for (int kx = 0; kx < kW; kx++) {\n      int ix = x * sW - pW + kx * dW;\n      if (ix < 0 || ix >= W) continue;\n"
                    + "      acc += x_[v4(16, n, c, iy, ix)];\n    }\n  }\n"
                    + "  o_[gid] = acc * (" + t + "(1) / " + t + "(divisor(y, x)));\n}\n";
            Kernel k = gpu.kernels.get("avg_pool2d", src, 3);
            Params p = poolParams(n, xs, oh, ow, o).view(x.offset, x.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {result.storage.allocation, x.storage.allocation}, n);
        }
        return result;
    }

    VulkanTensor avgPoolBackward(VulkanTensor x, PoolOptions o, VulkanTensor gy) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int[] gs = gy.shape().dims();
        VulkanTensor gx = compute.empty(gpu, x.shape(), gy.dtype());
        long n = x.shape().numel();
        if (n > 0) {
            String t = Glsl.type(gy.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", gy.dtype(), false), Glsl.buffer(2, "g_", gy.dtype(), true)) + DIVISOR
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n" + POOL_PARAMS
                    + Glsl.decode4("C", "H", "W")
                    + "  " + t + " acc = " + t + "(0);\n"
                    + windowsContaining("      acc += g_[v4(16, n, c, oy, ox)] * (" + t + "(1) / " + t + "(divisor(oy, ox)));\n")
                    + "  o_[gid] = acc;\n}\n";
            Kernel k = gpu.kernels.get("avg_pool2d_backward", src, 3);
            Params p = poolParams(n, xs, gs[2], gs[3], o).view(gy.offset, gy.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {gx.storage.allocation, gy.storage.allocation}, n);
        }
        return gx;
    }

    VulkanTensor adaptiveAvgPool(VulkanTensor x, int oh, int ow) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        Compute.checkBudget("adaptiveAvgPool2d", ((long) xs[2] / Math.max(1, oh) + 2) * (xs[3] / Math.max(1, ow) + 3));
        Shape out = Shape.of(xs[0], xs[1], oh, ow);
        VulkanTensor result = compute.empty(gpu, out, x.dtype());
        long n = out.numel();
        if (n > 0) {
            String t = Glsl.type(x.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", x.dtype(), false), Glsl.buffer(2, "x_", x.dtype(), true))
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n"
                    + "  int C = p[2], H = p[3], W = p[4], OH = p[5], OW = p[6];\n" + Glsl.decode4("C", "OH", "OW")
                    + "  int y0 = (y * H) / OH, y1 = ((y + 1) * H + OH - 1) / OH;\n"
                    + "  int x0 = (x * W) / OW, x1 = ((x + 1) * W + OW - 1) / OW;\n"
                    + "  " + t + " acc = " + t + "(0);\n"
                    + "  for (int iy = y0; iy < y1; iy++) for (int ix = x0; ix < x1; ix++) acc += x_[v4(7, n, c, iy, ix)];\n"
                    + "  o_[gid] = acc * (" + t + "(1) / " + t + "((y1 - y0) * (x1 - x0)));\n}\n";
            Kernel k = gpu.kernels.get("adaptive_avg_pool2d", src, 3);
            Params p = new Params().add((int) n, xs[0], xs[1], xs[2], xs[3], oh, ow).view(x.offset, x.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {result.storage.allocation, x.storage.allocation}, n);
        }
        return result;
    }

    VulkanTensor adaptiveAvgPoolBackward(VulkanTensor x, VulkanTensor gy) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int[] gs = gy.shape().dims();
        VulkanTensor gx = compute.empty(gpu, x.shape(), gy.dtype());
        long n = x.shape().numel();
        if (n > 0) {
            String t = Glsl.type(gy.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", gy.dtype(), false), Glsl.buffer(2, "g_", gy.dtype(), true))
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n"
                    + "  int C = p[2], H = p[3], W = p[4], OH = p[5], OW = p[6];\n" + Glsl.decode4("C", "H", "W")
                    + "  " + t + " acc = " + t + "(0);\n"
                    + "  for (int oy = max(0, (y * OH) / H - 1); oy <= min(OH - 1, ((y + 1) * OH) / H + 1); oy++) {\n"
                    + "    int y0 = (oy * H) / OH, y1 = ((oy + 1) * H + OH - 1) / OH;\n    if (y < y0 || y >= y1) continue;\n"
                    + "    for (int ox = max(0, (x * OW) / W - 1); ox <= min(OW - 1, ((x + 1) * OW) / W + 1); ox++) {\n"
                    + "      int x0 = (ox * W) / OW, x1 = ((ox + 1) * W + OW - 1) / OW;\n      if (x < x0 || x >= x1) continue;\n"
                    + "      acc += g_[v4(7, n, c, oy, ox)] * (" + t + "(1) / " + t + "((y1 - y0) * (x1 - x0)));\n    }\n  }\n"
                    + "  o_[gid] = acc;\n}\n";
            Kernel k = gpu.kernels.get("adaptive_avg_pool2d_backward", src, 3);
            Params p = new Params().add((int) n, xs[0], xs[1], xs[2], xs[3], gs[2], gs[3]).view(gy.offset, gy.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {gx.storage.allocation, gy.storage.allocation}, n);
        }
        return gx;
    }

    VulkanTensor interpolate(VulkanTensor x, int oh, int ow, InterpolateMode mode) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        Shape out = Shape.of(xs[0], xs[1], oh, ow);
        VulkanTensor result = compute.empty(gpu, out, x.dtype());
        long n = out.numel();
        if (n > 0) {
            String t = Glsl.type(x.dtype());
            String src = head(gpu, Glsl.buffer(1, "o_", x.dtype(), false), Glsl.buffer(2, "x_", x.dtype(), true))
                    + "#define T " + t + "\n" + TAPS
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n"
                    + "  int C = p[2], H = p[3], W = p[4], OH = p[5], OW = p[6];\n  bool bl = p[7] != 0;\n" + Glsl.decode4("C", "OH", "OW")
                    + "  int y0, y1, x0, x1;\n  T ly, lx;\n  taps(y, H, OH, bl, y0, y1, ly);\n  taps(x, W, OW, bl, x0, x1, lx);\n"
                    + "  T r;\n  if (!bl) { r = x_[v4(8, n, c, y0, x0)]; } else {\n"
                    + "    r = (T(1) - ly) * ((T(1) - lx) * x_[v4(8, n, c, y0, x0)] + lx * x_[v4(8, n, c, y0, x1)])\n"
                    + "      + ly * ((T(1) - lx) * x_[v4(8, n, c, y1, x0)] + lx * x_[v4(8, n, c, y1, x1)]);\n  }\n"
                    + "  o_[gid] = r;\n}\n";
            Kernel k = gpu.kernels.get("interpolate", src, 3);
            Params p = new Params().add((int) n, xs[0], xs[1], xs[2], xs[3], oh, ow, mode == InterpolateMode.BILINEAR ? 1 : 0)
                    .view(x.offset, x.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {result.storage.allocation, x.storage.allocation}, n);
        }
        return result;
    }

    VulkanTensor interpolateBackward(VulkanTensor x, VulkanTensor gy, InterpolateMode mode) {
        Gpu gpu = x.gpu();
        int[] xs = x.shape().dims();
        int[] gs = gy.shape().dims();
        VulkanTensor gx = compute.empty(gpu, x.shape(), gy.dtype());
        long n = x.shape().numel();
        if (n > 0) {
            String t = Glsl.type(gy.dtype());
            // Taps of output o reach input i only if the source coordinate (o + 0.5) in/out - 0.5 is within 1 of i.
            String src = head(gpu, Glsl.buffer(1, "o_", gy.dtype(), false), Glsl.buffer(2, "g_", gy.dtype(), true))
                    + "#define T " + t + "\n" + TAPS
                    + "T weight(int i, int o, int inS, int outS, bool bl) {\n  int i0, i1;\n  T l1;\n  taps(o, inS, outS, bl, i0, i1, l1);\n"
                    + "  if (!bl) return i0 == i ? T(1) : T(0);\n  return (i0 == i ? T(1) - l1 : T(0)) + (i1 == i ? l1 : T(0));\n}\n"
                    + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n"
                    + "  int C = p[2], H = p[3], W = p[4], OH = p[5], OW = p[6];\n  bool bl = p[7] != 0;\n" + Glsl.decode4("C", "H", "W")
                    + "  T acc = T(0);\n"
                    + "  int oy0 = max(0, (((2 * y - 1) * OH) >= 0 ? ((2 * y - 1) * OH) / (2 * H) : -1) - 1);\n"
                    + "  int oy1 = min(OH - 1, ((2 * y + 3) * OH + 2 * H - 1) / (2 * H) + 1);\n"
                    + "  int ox0 = max(0, (((2 * x - 1) * OW) >= 0 ? ((2 * x - 1) * OW) / (2 * W) : -1) - 1);\n"
                    + "  int ox1 = min(OW - 1, ((2 * x + 3) * OW + 2 * W - 1) / (2 * W) + 1);\n"
                    + "  for (int oy = oy0; oy <= oy1; oy++) {\n    T wy = weight(y, oy, H, OH, bl);\n    if (wy == T(0)) continue;\n"
                    + "    for (int ox = ox0; ox <= ox1; ox++) {\n      T wx = weight(x, ox, W, OW, bl);\n"
                    + "      if (wx != T(0)) acc += g_[v4(8, n, c, oy, ox)] * (wy * wx);\n    }\n  }\n"
                    + "  o_[gid] = acc;\n}\n";
            Kernel k = gpu.kernels.get("interpolate_backward", src, 3);
            Params p = new Params().add((int) n, xs[0], xs[1], xs[2], xs[3], gs[2], gs[3], mode == InterpolateMode.BILINEAR ? 1 : 0)
                    .view(gy.offset, gy.strides());
            Compute.dispatch1d(gpu, k, p.build(), new Allocation[] {gx.storage.allocation, gy.storage.allocation}, n);
        }
        return gx;
    }
}
