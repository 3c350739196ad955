package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reductions. Over one dimension, one invocation walks one line (every other coordinate fixed) of any strided
 * view: sum, prod, max, min, argmax, argmin and the inclusive cumsum; lines longer than {@link #LONG_LINE} take a
 * workgroup each. Over everything, a two-pass workgroup tree: each of at most {@link Gpu#workgroup} groups folds a
 * grid-strided share of the elements to one partial (within subgroups first where the device has subgroup
 * arithmetic, then in shared memory), then a single group folds the partials.
 */
final class Reductions {
    /** How a reduction folds: its identity (GLSL, by dtype) and combine expression over {@code acc} and {@code x}. */
    enum Fold {
        SUM("acc + x", "subgroupAdd"),
        PROD("acc * x", "subgroupMul"),
        MAX("max(acc, x)", "subgroupMax"),
        MIN("min(acc, x)", "subgroupMin");

        final String combine;
        final String subgroupOp;

        Fold(String combine, String subgroupOp) {
            this.combine = combine;
            this.subgroupOp = subgroupOp;
        }

        String identity(DType dtype) {
            String t = Glsl.type(dtype);
            return switch (this) {
                case SUM -> t + "(0)";
                case PROD -> t + "(1)";
                case MAX -> switch (dtype) {
                    case F32 -> "uintBitsToFloat(0xff800000u)";
                    case F64 -> "double(uintBitsToFloat(0xff800000u))";
                    case I32 -> "int(0x80000000)";
                    case I64 -> "int64_t(0x8000000000000000ul)";
                    default -> "0u";
                };
                case MIN -> switch (dtype) {
                    case F32 -> "uintBitsToFloat(0x7f800000u)";
                    case F64 -> "double(uintBitsToFloat(0x7f800000u))";
                    case I32 -> "0x7fffffff";
                    case I64 -> "int64_t(0x7ffffffffffffffful)";
                    default -> "1u";
                };
            };
        }
    }

    private final Compute compute;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    Reductions(Compute compute) {
        this.compute = compute;
    }

    /** Lines longer than this are folded by a whole workgroup each instead of one invocation. */
    static final int LONG_LINE = 2048;

    /** {@code fold} over dimension {@code dim}, keeping it with size 1. */
    VulkanTensor dim(VulkanTensor t, int dim, Fold fold) {
        if (t.shape().dim(dim) > LONG_LINE) {
            String type = Glsl.type(t.dtype());
            return lineTree(t, dim, "reduce_line_" + fold.name().toLowerCase(), "  " + type + " acc = " + fold.identity(t.dtype()) + ";\n",
                    "    " + type + " x = i_[offI + k * strideI]; acc = " + fold.combine + ";\n",
                    "  part[l] = acc;\n", "      { " + type + " x = part[l + s]; acc = part[l]; part[l] = " + fold.combine + "; }\n",
                    "o_[offO] = part[0];", t.dtype(), "");
        }
        String body = "  " + Glsl.type(t.dtype()) + " acc = " + fold.identity(t.dtype()) + ";\n"
                + "  for (int k = 0; k < len; k++) { " + Glsl.type(t.dtype()) + " x = i_[offI + k * strideI]; acc = " + fold.combine + "; }\n"
                + "  o_[offO] = acc;\n";
        return line(t, dim, "reduce_" + fold.name().toLowerCase(), body, t.dtype(), t.shape().withDim(dim, 1));
    }

    /** Index (I64) of the first largest ({@code max}) or smallest element along {@code dim}. */
    VulkanTensor arg(VulkanTensor t, int dim, boolean max) {
        String type = Glsl.type(t.dtype());
        String better = max ? ">" : "<";
        if (t.shape().dim(dim) > LONG_LINE) {
            // Pairs (value, index): a later pair wins only if strictly better, or equal with a smaller index.
            return lineTree(t, dim, max ? "argmax_line" : "argmin_line",
                    "  " + type + " best = " + type + "(0);\n  int at = -1;\n",
                    "    " + type + " x = i_[offI + k * strideI]; if (at < 0 || x " + better + " best) { best = x; at = k; }\n",
                    "  part[l] = best;\n  where_[l] = at;\n",
                    "      { " + type + " b = part[l + s]; int bi = where_[l + s];\n"
                            + "        if (bi >= 0 && (where_[l] < 0 || b " + better + " part[l] || (b == part[l] && bi < where_[l]))) {"
                            + " part[l] = b; where_[l] = bi; } }\n",
                    "o_[offO] = int64_t(where_[0]);", DType.I64, "shared int where_[" + t.gpu().workgroup + "];\n");
        }
        String body = "  " + type + " best = i_[offI];\n  int64_t at = 0;\n"
                + "  for (int k = 1; k < len; k++) { " + type + " x = i_[offI + k * strideI]; if (x " + (max ? ">" : "<")
                + " best) { best = x; at = k; } }\n  o_[offO] = at;\n";
        return line(t, dim, max ? "argmax" : "argmin", body, DType.I64, t.shape().withDim(dim, 1));
    }

    /** Inclusive cumulative sum along {@code dim}. */
    VulkanTensor cumsum(VulkanTensor t, int dim) {
        String type = Glsl.type(t.dtype());
        if (t.shape().dim(dim) > LONG_LINE) {
            return longCumsum(t, dim);
        }
        String body = "  " + type + " acc = " + type + "(0);\n"
                + "  for (int k = 0; k < len; k++) { acc += i_[offI + k * strideI]; o_[offO + k * strideO] = acc; }\n";
        return line(t, dim, "cumsum", body, t.dtype(), t.shape());
    }

    /** {@code fold} over every element, shape {@code [1]}. */
    VulkanTensor all(VulkanTensor t, Fold fold) {
        Gpu gpu = t.gpu();
        int wg = gpu.workgroup;
        long n = t.shape().numel();
        int groups = (int) Math.max(1, Math.min(wg, (n + wg - 1) / wg));
        // Subgroup arithmetic on 64-bit types needs optional features; F32, I32 and BOOL need none.
        boolean subgroups = gpu.subgroupReductions && (t.dtype() == DType.F32 || t.dtype() == DType.I32 || t.dtype() == DType.BOOL);
        String source = sources.computeIfAbsent("all|" + fold + "|" + t.dtype() + "|" + wg + "|" + subgroups,
                k -> treeSource(wg, fold, t.dtype(), subgroups));
        Kernel kernel = gpu.kernels.get("reduce_all_" + fold.name().toLowerCase(), source, 3);
        VulkanTensor partials = compute.empty(gpu, Shape.of(groups), t.dtype());
        try {
            int rank = t.shape().rank();
            Params p = new Params().add((int) n, rank).add(t.shape().dims()).view(t.offset, t.strides());
            gpu.stream.dispatch(kernel, p.build(), new Allocation[] {partials.storage.allocation, t.storage.allocation}, groups, 1, 1, n);
            VulkanTensor out = compute.empty(gpu, Shape.of(1), t.dtype());
            Params q = new Params().add(groups, 1, groups).view(0, new int[] {1});
            gpu.stream.dispatch(kernel, q.build(), new Allocation[] {out.storage.allocation, partials.storage.allocation}, 1, 1, 1);
            return out;
        } finally {
            partials.release();
        }
    }

    /**
     * One workgroup per line: every invocation folds a strided share of the line ({@code init}, then {@code step} per
     * element {@code k}), stores its partial ({@code store}), and the group halves the partials ({@code combine}
     * merges {@code part[l + s]} into {@code part[l]}) until invocation 0 writes {@code finish}.
     */
    private VulkanTensor lineTree(VulkanTensor t, int dim, String name, String init, String step, String store, String combine,
            String finish, DType outType, String extraShared) {
        Gpu gpu = t.gpu();
        int wg = gpu.workgroup;
        int len = t.shape().dim(dim);
        Compute.checkBudget(name, (len + wg - 1) / wg);
        Shape lines = t.shape().withDim(dim, 1);
        VulkanTensor out = compute.empty(gpu, lines, outType);
        long n = lines.numel();
        if (n == 0) {
            return out;
        }
        String source = sources.computeIfAbsent(name + "|" + t.dtype() + "|" + wg + "|" + step, k -> Glsl.header(wg, 1)
                + Glsl.buffer(1, "o_", outType, false) + Glsl.buffer(2, "i_", t.dtype(), true)
                + "shared " + Glsl.type(t.dtype()) + " part[" + wg + "];\n" + extraShared
                + Glsl.groupPrologue(2) + "  int offO = off0;\n  int offI = off1;\n  int len = p[sb];\n  int strideI = p[sb + 1];\n"
                + init + "  for (int k = int(l); k < len; k += " + wg + ") {\n" + step + "  }\n" + store + "  barrier();\n"
                + "  for (uint s = " + (wg / 2) + "u; s > 0u; s >>= 1) {\n    if (l < s)\n" + combine + "    barrier();\n  }\n"
                + "  if (l == 0u) " + finish + "\n}\n");
        Kernel kernel = gpu.kernels.get(name, source, 3);
        Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, out.strides()).view(t.offset, t.strides())
                .add(len, t.stride(dim));
        Compute.dispatchGroups(gpu, kernel, p.build(), new Allocation[] {out.storage.allocation, t.storage.allocation}, n, n * len);
        return out;
    }

    /**
     * Cumulative sum of long lines, one workgroup per line: each invocation sums a contiguous chunk, the group scans
     * the chunk sums in shared memory, and each invocation rewrites its chunk starting from the sum before it.
     */
    private VulkanTensor longCumsum(VulkanTensor t, int dim) {
        Gpu gpu = t.gpu();
        int wg = gpu.workgroup;
        int len = t.shape().dim(dim);
        Compute.checkBudget("cumsum", 2L * ((len + wg - 1) / wg) + 2L * Integer.numberOfTrailingZeros(wg));
        VulkanTensor out = compute.empty(gpu, t.shape(), t.dtype());
        Shape lines = t.shape().withDim(dim, 1);
        long n = lines.numel();
        if (n == 0) {
            return out;
        }
        String type = Glsl.type(t.dtype());
        String source = sources.computeIfAbsent("cumsum_line|" + t.dtype() + "|" + wg, k -> Glsl.header(wg, 1)
                + Glsl.buffer(1, "o_", t.dtype(), false) + Glsl.buffer(2, "i_", t.dtype(), true)
                + "shared " + type + " part[" + wg + "];\n"
                + Glsl.groupPrologue(2) + "  int offO = off0;\n  int offI = off1;\n  int len = p[sb];\n  int strideI = p[sb + 1];\n"
                + "  int strideO = p[sb + 2];\n  int chunk = (len + " + wg + " - 1) / " + wg + ";\n"
                + "  int start = int(l) * chunk;\n  int end = min(start + chunk, len);\n"
                + "  " + type + " s = " + type + "(0);\n  for (int k = start; k < end; k++) s += i_[offI + k * strideI];\n"
                + "  part[l] = s;\n  barrier();\n"
                + "  for (uint d = 1u; d < " + wg + "u; d <<= 1) {\n    " + type + " v = l >= d ? part[l - d] : " + type + "(0);\n"
                + "    barrier();\n    part[l] += v;\n    barrier();\n  }\n"
                + "  " + type + " run = l > 0u ? part[l - 1u] : " + type + "(0);\n"
                + "  for (int k = start; k < end; k++) { run += i_[offI + k * strideI]; o_[offO + k * strideO] = run; }\n}\n");
        Kernel kernel = gpu.kernels.get("cumsum_line", source, 3);
        int[] outStrides = out.strides();
        Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, outStrides).view(t.offset, t.strides())
                .add(len, t.stride(dim), outStrides[dim]);
        Compute.dispatchGroups(gpu, kernel, p.build(), new Allocation[] {out.storage.allocation, t.storage.allocation}, n, 2 * n * len);
        return out;
    }

    /**
     * Runs {@code body} once per line along {@code dim}. The body sees {@code offI}/{@code offO} (the line's first
     * element in input and output), {@code len}, and the strides {@code strideI}/{@code strideO} along the line.
     */
    VulkanTensor line(VulkanTensor t, int dim, String name, String body, DType outType, Shape outShape) {
        Gpu gpu = t.gpu();
        Shape lines = t.shape().withDim(dim, 1);
        VulkanTensor out = compute.empty(gpu, outShape, outType);
        long n = lines.numel();
        if (n == 0 || outShape.numel() == 0) {
            return out;
        }
        int wg = gpu.workgroup;
        String source = sources.computeIfAbsent(name + "|" + t.dtype() + "|" + outType + "|" + wg + "|" + body,
                k -> lineSource(wg, body, t.dtype(), outType));
        Kernel kernel = gpu.kernels.get(name, source, 3);
        int[] outStrides = out.strides();
        Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, outStrides).view(t.offset, t.strides())
                .add(t.shape().dim(dim), t.stride(dim), outStrides[dim]);
        Compute.dispatch1d(gpu, kernel, p.build(), new Allocation[] {out.storage.allocation, t.storage.allocation}, n,
                n * t.shape().dim(dim));
        return out;
    }

    private static String lineSource(int wg, String body, DType in, DType out) {
        return Glsl.header(wg, 1) + Glsl.buffer(1, "o_", out, false) + Glsl.buffer(2, "i_", in, true)
                + Glsl.math(in == DType.F64) + Glsl.stridedPrologue(wg, 2) + "  int offO = off0;\n  int offI = off1;\n"
                + "  int len = p[sb];\n  int strideI = p[sb + 1];\n  int strideO = p[sb + 2];\n"
                + body + "}\n";
    }

    /**
     * The tree kernel. With {@code subgroups}, each subgroup first folds its invocations' values with one subgroup
     * operation and only the subgroups' partials go through shared memory; otherwise the whole group halves its
     * values in shared memory.
     */
    private static String treeSource(int wg, Fold fold, DType dtype, boolean subgroups) {
        String type = Glsl.type(dtype);
        String tree = subgroups
                ? "  acc = " + fold.subgroupOp + "(acc);\n  if (subgroupElect()) part[gl_SubgroupID] = acc;\n  barrier();\n"
                        + "  for (uint s = gl_NumSubgroups / 2u; s > 0u; s >>= 1) {\n"
                : "  part[l] = acc;\n  barrier();\n  for (uint s = " + (wg / 2) + "u; s > 0u; s >>= 1) {\n";
        String extensions = subgroups
                ? "#extension GL_KHR_shader_subgroup_basic : require\n#extension GL_KHR_shader_subgroup_arithmetic : require\n" : "";
        return Glsl.header(wg, 1, extensions) + Glsl.buffer(1, "o_", dtype, false) + Glsl.buffer(2, "i_", dtype, true)
                + "shared " + type + " part[" + wg + "];\n"
                + "void main() {\n  uint l = gl_LocalInvocationID.x;\n  uint n = uint(p[0]);\n  int rank = p[1];\n  int vb = 2 + rank;\n"
                + "  " + type + " acc = " + fold.identity(dtype) + ";\n"
                + "  uint step = gl_NumWorkGroups.x * " + wg + "u;\n"
                + "  for (uint e = gl_WorkGroupID.x * " + wg + "u + l; e < n; e += step) {\n"
                + "    int off = p[vb];\n    uint rem = e;\n"
                + "    for (int d = rank - 1; d >= 0; d--) {\n      uint size = uint(p[2 + d]);\n      off += int(rem % size) * p[vb + 1 + d];\n"
                + "      rem /= size;\n    }\n"
                + "    " + type + " x = i_[off];\n    acc = " + fold.combine + ";\n  }\n"
                + tree
                + "    if (l < s) { " + type + " x = part[l + s]; acc = part[l]; part[l] = " + fold.combine + "; }\n    barrier();\n  }\n"
                + "  if (l == 0u) o_[gl_WorkGroupID.x] = part[0];\n}\n";
    }
}
