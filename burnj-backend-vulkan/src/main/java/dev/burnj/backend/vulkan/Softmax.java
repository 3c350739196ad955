package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fused {@code logSumExp}, {@code softmax} and {@code logSoftmax} along a dimension, one kernel each instead of the
 * SPI's six-op compositions (the autodiff decorator calls these fused forms and adds its own backward). They compute
 * exactly the compositions' formulas: {@code lse = m + log(sum exp(x - m))} with {@code m} the line's maximum,
 * {@code logSoftmax = x - lse}, {@code softmax = exp(x - lse)}. Short lines take one invocation each (three passes);
 * lines longer than {@link Reductions#LONG_LINE} take a workgroup with shared-memory trees for the max and the sum.
 */
final class Softmax {
    enum Kind {
        LOG_SUM_EXP,
        SOFTMAX,
        LOG_SOFTMAX
    }

    private final Compute compute;
    private final Reductions reductions;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    Softmax(Compute compute, Reductions reductions) {
        this.compute = compute;
        this.reductions = reductions;
    }

    private static String write(Kind kind, String x) {
        return kind == Kind.SOFTMAX ? "b_exp(" + x + " - lse)" : x + " - lse";
    }

    VulkanTensor apply(VulkanTensor t, int dim, Kind kind) {
        Shape outShape = kind == Kind.LOG_SUM_EXP ? t.shape().withDim(dim, 1) : t.shape();
        String type = Glsl.type(t.dtype());
        String name = kind.name().toLowerCase();
        if (t.shape().dim(dim) > Reductions.LONG_LINE) {
            return longLines(t, dim, kind, outShape);
        }
        String body = "  " + type + " m = i_[offI];\n"
                + "  for (int k = 1; k < len; k++) m = max(m, i_[offI + k * strideI]);\n"
                + "  " + type + " s = " + type + "(0);\n"
                + "  for (int k = 0; k < len; k++) s += b_exp(i_[offI + k * strideI] - m);\n"
                + "  " + type + " lse = m + b_log(s);\n"
                + (kind == Kind.LOG_SUM_EXP ? "  o_[offO] = lse;\n"
                        : "  for (int k = 0; k < len; k++) { " + type + " x = i_[offI + k * strideI]; o_[offO + k * strideO] = "
                                + write(kind, "x") + "; }\n");
        return reductions.line(t, dim, name, body, t.dtype(), outShape);
    }

    private VulkanTensor longLines(VulkanTensor t, int dim, Kind kind, Shape outShape) {
        Gpu gpu = t.gpu();
        int wg = gpu.workgroup;
        int len = t.shape().dim(dim);
        Compute.checkBudget(kind.name().toLowerCase(), 3L * ((len + wg - 1) / wg));
        VulkanTensor out = compute.empty(gpu, outShape, t.dtype());
        Shape lines = t.shape().withDim(dim, 1);
        long n = lines.numel();
        if (n == 0) {
            return out;
        }
        String type = Glsl.type(t.dtype());
        String tree = "  barrier();\n  for (uint h = " + (wg / 2) + "u; h > 0u; h >>= 1) {\n    if (l < h) part[l] = OP;\n    barrier();\n  }\n";
        String source = sources.computeIfAbsent(kind + "|" + t.dtype() + "|" + wg, k -> Glsl.header(wg, 1)
                + Glsl.buffer(1, "o_", t.dtype(), false) + Glsl.buffer(2, "i_", t.dtype(), true) + Glsl.math(t.dtype() == DType.F64)
                + "shared " + type + " part[" + wg + "];\n"
                + Glsl.groupPrologue(2) + "  int offO = off0;\n  int offI = off1;\n  int len = p[sb];\n  int strideI = p[sb + 1];\n"
                + "  int strideO = p[sb + 2];\n"
                + "  " + type + " m = " + Reductions.Fold.MAX.identity(t.dtype()) + ";\n"
                + "  for (int k = int(l); k < len; k += " + wg + ") m = max(m, i_[offI + k * strideI]);\n"
                + "  part[l] = m;\n" + tree.replace("OP", "max(part[l], part[l + h])")
                + "  m = part[0];\n  barrier();\n"
                + "  " + type + " s = " + type + "(0);\n"
                + "  for (int k = int(l); k < len; k += " + wg + ") s += b_exp(i_[offI + k * strideI] - m);\n"
                + "  part[l] = s;\n" + tree.replace("OP", "part[l] + part[l + h]")
                + "  " + type + " lse = m + b_log(part[0]);\n"
                + (kind == Kind.LOG_SUM_EXP ? "  if (l == 0u) o_[offO] = lse;\n"
                        : "  for (int k = int(l); k < len; k += " + wg + ") { " + type + " x = i_[offI + k * strideI];"
                                + " o_[offO + k * strideO] = " + write(kind, "x") + "; }\n")
                + "}\n");
        Kernel kernel = gpu.kernels.get(kind.name().toLowerCase() + "_line", source, 3);
        int[] outStrides = out.strides();
        Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, outStrides).view(t.offset, t.strides())
                .add(len, t.stride(dim), outStrides[dim]);
        Compute.dispatchGroups(gpu, kernel, p.build(), new Allocation[] {out.storage.allocation, t.storage.allocation}, n, 3 * n * len);
        return out;
    }
}
