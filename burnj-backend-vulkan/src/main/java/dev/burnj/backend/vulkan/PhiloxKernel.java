package dev.burnj.backend.vulkan;

import dev.burnj.backend.Distribution;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * {@code random} on the device for the distributions whose spec needs only exact double arithmetic: uniform and
 * Bernoulli. Each invocation runs Philox 4x32-10 on its stream position (the counter) under the seed (the key),
 * exactly as {@link dev.burnj.random.Philox} does, and evaluates the sample in double with contraction into fused
 * multiply-adds forbidden ({@code precise}), so the values equal the reference bit for bit. Normal samples need
 * a double {@code log} and {@code cos} that match Java's to the last bit, which GLSL lacks; they stay on the host.
 */
final class PhiloxKernel {
    private final Compute compute;

    PhiloxKernel(Compute compute) {
        this.compute = compute;
    }

    /** Whether the device can produce {@code dist} exactly. */
    static boolean handles(Gpu gpu, Distribution dist) {
        return gpu.info.shaderFloat64() && !(dist instanceof Distribution.Normal);
    }

    VulkanTensor sample(Gpu gpu, Shape shape, Distribution dist, long seed, long offset, DType dtype) {
        VulkanTensor out = compute.empty(gpu, shape, dtype);
        long n = shape.numel();
        if (n == 0) {
            return out;
        }
        String value = dist instanceof Distribution.Bernoulli
                ? "u0 < a ? 1.0lf : 0.0lf"
                : "a + (b - a) * u0";
        String source = Glsl.header(gpu.workgroup, 1) + Glsl.buffer(1, "o_", dtype, false)
                + "uvec4 philox(uvec4 c, uvec2 k) {\n"
                + "  for (int r = 0; r < 10; r++) {\n    uint hi0, lo0, hi1, lo1;\n"
                + "    umulExtended(0xD2511F53u, c.x, hi0, lo0);\n    umulExtended(0xCD9E8D57u, c.z, hi1, lo1);\n"
                + "    c = uvec4(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);\n    k += uvec2(0x9E3779B9u, 0xBB67AE85u);\n  }\n"
                + "  return c;\n}\n"
                + "void main() {\n" + Glsl.linearIndex(gpu.workgroup) + "  if (gid >= uint(p[0])) return;\n"
                + "  uint64_t pos = ((uint64_t(uint(p[4])) << 32) | uint64_t(uint(p[3]))) + uint64_t(gid);\n"
                + "  uvec4 x = philox(uvec4(uint(pos), uint(pos >> 32), 0u, 0u), uvec2(uint(p[1]), uint(p[2])));\n"
                + "  double a = " + Glsl.scalar(DType.F64, "5") + ";\n  double b = " + Glsl.scalar(DType.F64, "7") + ";\n"
                + "  precise double u0 = (double(x.x) + 0.5lf) * 2.3283064365386963e-10lf;\n"
                + "  precise double v = " + value + ";\n"
                + "  o_[gid] = " + Glsl.type(dtype) + "(v);\n}\n";
        Kernel kernel = gpu.kernels.get("philox", source, 2);
        double a;
        double b;
        if (dist instanceof Distribution.Uniform u) {
            a = u.low();
            b = u.high();
        } else {
            a = ((Distribution.Bernoulli) dist).p();
            b = 0;
        }
        Params p = new Params().add((int) n, (int) seed, (int) (seed >>> 32), (int) offset, (int) (offset >>> 32)).scalar(DType.F64, a)
                .scalar(DType.F64, b);
        Compute.dispatch1d(gpu, kernel, p.build(), new Allocation[] {out.storage.allocation}, n);
        return out;
    }
}
