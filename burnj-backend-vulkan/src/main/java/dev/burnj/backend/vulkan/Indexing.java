package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Index-driven copies. {@code gather} and {@code indexSelect} share one kernel: over the output, read the index
 * (through a view whose strides make it either the per-element index tensor or the rank-1 selection list) and
 * fetch the element it points at along {@code dim}. {@code scatter} runs one invocation per line along
 * {@code dim} and applies that line's updates in order, so duplicate indices need no atomics and the last write
 * wins deterministically.
 */
final class Indexing {
    private final Compute compute;
    private final Layouts layouts;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    Indexing(Compute compute, Layouts layouts) {
        this.compute = compute;
        this.layouts = layouts;
    }

    VulkanTensor gather(VulkanTensor t, int dim, VulkanTensor indices) {
        return select(t, dim, indices, indices.shape(), indices.strides());
    }

    VulkanTensor indexSelect(VulkanTensor t, int dim, VulkanTensor indices) {
        Shape shape = t.shape().withDim(dim, indices.shape().dim(0));
        int[] strides = new int[shape.rank()];
        strides[dim] = indices.stride(0);
        return select(t, dim, indices, shape, strides);
    }

    /** {@code out[pos] = t[pos with dim replaced by idx[pos]]}, reading {@code indices} with {@code indexStrides}. */
    private VulkanTensor select(VulkanTensor t, int dim, VulkanTensor indices, Shape shape, int[] indexStrides) {
        Gpu gpu = t.gpu();
        VulkanTensor out = compute.empty(gpu, shape, t.dtype());
        long n = shape.numel();
        if (n == 0) {
            return out;
        }
        int wg = gpu.workgroup;
        String source = sources.computeIfAbsent("select|" + t.dtype() + indices.dtype() + wg, k -> Glsl.header(wg, 1)
                + Glsl.buffer(1, "o_", t.dtype(), false) + Glsl.buffer(2, "t_", t.dtype(), true) + Glsl.buffer(3, "x_", indices.dtype(), true)
                + Glsl.stridedPrologue(wg, 3)
                + "  o_[off0] = t_[off1 + int(x_[off2]) * p[sb]];\n}\n");
        Kernel kernel = gpu.kernels.get("gather", source, 4);
        int[] tStrides = t.strides();
        int dimStride = tStrides[dim];
        tStrides[dim] = 0;
        Params p = new Params().add((int) n, shape.rank()).add(shape.dims()).view(0, out.strides()).view(t.offset, tStrides)
                .view(indices.offset, indexStrides).add(dimStride);
        Compute.dispatch1d(gpu, kernel, p.build(),
                new Allocation[] {out.storage.allocation, t.storage.allocation, indices.storage.allocation}, n);
        return out;
    }

    VulkanTensor scatter(VulkanTensor t, int dim, VulkanTensor indices, VulkanTensor values, boolean add) {
        Gpu gpu = t.gpu();
        VulkanTensor out = layouts.copy(t);
        Shape lines = indices.shape().withDim(dim, 1);
        long n = lines.numel();
        if (n == 0 || indices.shape().dim(dim) == 0) {
            return out;
        }
        Compute.checkBudget("scatter", indices.shape().dim(dim));
        int wg = gpu.workgroup;
        DType type = t.dtype();
        String update = add ? "o_[at] + v" : "v";
        String source = sources.computeIfAbsent("scatter|" + type + indices.dtype() + values.dtype() + add + wg, k -> Glsl.header(wg, 1)
                + Glsl.buffer(1, "o_", type, false) + Glsl.buffer(2, "x_", indices.dtype(), true) + Glsl.buffer(3, "v_", values.dtype(), true)
                + Glsl.stridedPrologue(wg, 3)
                + "  int len = p[sb], sx = p[sb + 1], sv = p[sb + 2], so = p[sb + 3];\n"
                + "  for (int k = 0; k < len; k++) {\n"
                + "    int at = off0 + int(x_[off1 + k * sx]) * so;\n"
                + "    " + Glsl.type(type) + " v = " + Glsl.type(type) + "(v_[off2 + k * sv]);\n"
                + "    o_[at] = " + update + ";\n  }\n}\n");
        Kernel kernel = gpu.kernels.get("scatter", source, 4);
        int[] outStrides = out.strides();
        Params p = new Params().add((int) n, lines.rank()).add(lines.dims()).view(0, outStrides).view(indices.offset, indices.strides())
                .view(values.offset, values.strides()).add(indices.shape().dim(dim), indices.stride(dim), values.stride(dim), outStrides[dim]);
        Compute.dispatch1d(gpu, kernel, p.build(),
                new Allocation[] {out.storage.allocation, indices.storage.allocation, values.storage.allocation}, n);
        return out;
    }
}
