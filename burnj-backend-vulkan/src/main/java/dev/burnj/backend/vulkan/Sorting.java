package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Stable argsort along a dimension. Short lines: one invocation per line runs a bottom-up merge sort of the line's
 * indices, ping-ponging between the output and a scratch tensor; merging takes from the left run unless the right
 * element is strictly before it, which keeps equal elements in order. Long lines, which would take one invocation
 * too many iterations: a bitonic sorting network over (value, index) pairs padded to a power of two, one dispatch
 * per network stage; ordering pairs by index among equal values makes the network's result stable.
 */
final class Sorting {
    /** Longest line the per-invocation merge sort takes ({@code L log L} iterations stay within the loop budget). */
    static final int SHORT_LINE = 1024;

    private final Compute compute;

    Sorting(Compute compute) {
        this.compute = compute;
    }

    VulkanTensor argsort(VulkanTensor t, int dim, boolean descending) {
        Gpu gpu = t.gpu();
        Shape shape = t.shape();
        VulkanTensor out = compute.empty(gpu, shape, DType.I64);
        Shape lines = shape.withDim(dim, 1);
        long n = lines.numel();
        if (n == 0 || shape.dim(dim) == 0) {
            return out;
        }
        if (shape.dim(dim) > SHORT_LINE) {
            bitonic(t, dim, descending, out);
            return out;
        }
        VulkanTensor scratch = compute.empty(gpu, shape, DType.I64);
        try {
            int wg = gpu.workgroup;
            String type = Glsl.type(t.dtype());
            String source = Glsl.header(wg, 1) + Glsl.buffer(1, "o_", DType.I64, false) + Glsl.buffer(2, "i_", t.dtype(), true)
                    + Glsl.buffer(3, "s_", DType.I64, false)
                    + "int offI, strideI, offO, strideO;\n"
                    + "bool before(int64_t a, int64_t b) {\n  " + type + " va = i_[offI + int(a) * strideI];\n  " + type
                    + " vb = i_[offI + int(b) * strideI];\n  return " + (descending ? "va > vb" : "va < vb") + ";\n}\n"
                    + "int64_t get(bool fromOut, int k) { return fromOut ? o_[offO + k * strideO] : s_[offO + k * strideO]; }\n"
                    + "void put(bool toOut, int k, int64_t v) { if (toOut) o_[offO + k * strideO] = v; else s_[offO + k * strideO] = v; }\n"
                    + Glsl.stridedPrologue(wg, 2)
                    + "  offO = off0;\n  offI = off1;\n  int len = p[sb];\n  strideI = p[sb + 1];\n  strideO = p[sb + 2];\n"
                    + "  for (int k = 0; k < len; k++) o_[offO + k * strideO] = int64_t(k);\n"
                    + "  bool inOut = true;\n"
                    + "  for (int width = 1; width < len; width *= 2) {\n"
                    + "    for (int lo = 0; lo < len; lo += 2 * width) {\n"
                    + "      int mid = min(lo + width, len), hi = min(lo + 2 * width, len), i = lo, j = mid;\n"
                    + "      for (int k = lo; k < hi; k++) {\n"
                    + "        if (i < mid && (j >= hi || !before(get(inOut, j), get(inOut, i)))) { put(!inOut, k, get(inOut, i)); i++; }\n"
                    + "        else { put(!inOut, k, get(inOut, j)); j++; }\n"
                    + "      }\n    }\n    inOut = !inOut;\n  }\n"
                    + "  if (!inOut) for (int k = 0; k < len; k++) o_[offO + k * strideO] = s_[offO + k * strideO];\n}\n";
            Kernel kernel = gpu.kernels.get("argsort", source, 4);
            int[] outStrides = out.strides();
            Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, outStrides).view(t.offset, t.strides())
                    .add(shape.dim(dim), t.stride(dim), outStrides[dim]);
            Compute.dispatch1d(gpu, kernel, p.build(),
                    new Allocation[] {out.storage.allocation, t.storage.allocation, scratch.storage.allocation}, n);
            return out;
        } finally {
            scratch.release();
        }
    }

    private void bitonic(VulkanTensor t, int dim, boolean descending, VulkanTensor out) {
        Gpu gpu = t.gpu();
        Shape shape = t.shape();
        int len = shape.dim(dim);
        int padded = Integer.highestOneBit(len - 1) << 1;
        Shape lines = shape.withDim(dim, 1);
        long n = lines.numel();
        long total = n * padded;
        int wg = gpu.workgroup;
        String type = Glsl.type(t.dtype());
        int rank = shape.rank();
        // Rows of (key, index) pairs, one row of `padded` per line: element j of line q sits at q * padded + j.
        int[] rowStrides = VulkanTensor.contiguousStrides(lines.dims());
        for (int d = 0; d < rank; d++) {
            rowStrides[d] *= padded;
        }
        rowStrides[dim] = 1;
        VulkanTensor keys = compute.empty(gpu, Shape.of((int) n, padded), t.dtype());
        VulkanTensor idx = compute.empty(gpu, Shape.of((int) n, padded), DType.I64);
        try {
            // The input view has stride 0 along dim; the kernel adds j * stride only for real elements (j < len).
            String init = Glsl.header(wg, 1) + Glsl.buffer(1, "k_", t.dtype(), false) + Glsl.buffer(2, "x_", DType.I64, false)
                    + Glsl.buffer(3, "i_", t.dtype(), true) + Glsl.stridedPrologue(wg, 2)
                    + "  int len = p[sb], strideI = p[sb + 1], P = p[sb + 2];\n  int j = off0 % P;\n"
                    + "  k_[off0] = j < len ? i_[off1 + j * strideI] : " + type + "(0);\n  x_[off0] = int64_t(j);\n}\n";
            int[] iterDims = shape.dims();
            iterDims[dim] = padded;
            int[] inStrides = t.strides();
            inStrides[dim] = 0;
            Params ip = new Params().add((int) total, rank).add(iterDims).view(0, rowStrides).view(t.offset, inStrides)
                    .add(len, t.stride(dim), padded);
            Compute.dispatch1d(gpu, gpu.kernels.get("argsort_init", init, 4), ip.build(),
                    new Allocation[] {keys.storage.allocation, idx.storage.allocation, t.storage.allocation}, total);
            // Whether pair b belongs before pair a: real elements before padding, then by value, then by index.
            String bBefore = descending ? "vb > va" : "vb < va";
            String stage = Glsl.header(wg, 1) + Glsl.buffer(1, "k_", t.dtype(), false) + Glsl.buffer(2, "x_", DType.I64, false)
                    + "void main() {\n" + Glsl.linearIndex(wg) + "  if (gid >= uint(p[0])) return;\n"
                    + "  int P = p[1], len = p[2], K = p[3], J = p[4];\n"
                    + "  int row = int(gid / uint(P)) * P;\n  int i = int(gid % uint(P));\n  int m = i ^ J;\n  if (m <= i) return;\n"
                    + "  int a = row + i, b = row + m;\n  int ia = int(x_[a]), ib = int(x_[b]);\n"
                    + "  " + type + " va = k_[a], vb = k_[b];\n"
                    + "  bool bFirst = (ia >= len) != (ib >= len) ? ia >= len : ((" + bBefore + ") || (va == vb && ib < ia));\n"
                    + "  if (bFirst == ((i & K) == 0)) { k_[a] = vb; k_[b] = va; x_[a] = int64_t(ib); x_[b] = int64_t(ia); }\n}\n";
            Kernel stageKernel = gpu.kernels.get("argsort_stage", stage, 3);
            for (int k = 2; k <= padded; k <<= 1) {
                for (int j = k >> 1; j > 0; j >>= 1) {
                    Compute.dispatch1d(gpu, stageKernel, new Params().add((int) total, padded, len, k, j).build(),
                            new Allocation[] {keys.storage.allocation, idx.storage.allocation}, total);
                }
            }
            String finish = Glsl.header(wg, 1) + Glsl.buffer(1, "o_", DType.I64, false) + Glsl.buffer(2, "x_", DType.I64, true)
                    + Glsl.stridedPrologue(wg, 2) + "  o_[off0] = x_[off1];\n}\n";
            Params fp = new Params().add((int) shape.numel(), rank).add(shape.dims()).view(0, out.strides()).view(0, rowStrides);
            Compute.dispatch1d(gpu, gpu.kernels.get("argsort_finish", finish, 3), fp.build(),
                    new Allocation[] {out.storage.allocation, idx.storage.allocation}, shape.numel());
        } finally {
            keys.release();
            idx.release();
        }
    }
}
