package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Stable argsort along a dimension: one invocation per line runs a bottom-up merge sort of the line's indices,
 * ping-ponging between the output and a scratch tensor. Merging takes from the left run unless the right element is
 * strictly before it, which keeps equal elements in their original order.
 */
final class Sorting {
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
}
