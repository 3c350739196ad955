package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Batched matrix product with broadcast batch dimensions: a tiled GEMM in which each workgroup computes one
 * {@code T x T} output tile, staging {@code T x T} tiles of both operands in shared memory. Operands are read through
 * their strides, so transposed or sliced views need no copy. {@code T} is 16 where the device allows 256
 * invocations per group and 8 otherwise.
 */
final class MatMul {
    private final Compute compute;

    MatMul(Compute compute) {
        this.compute = compute;
    }

    VulkanTensor matmul(VulkanTensor a, VulkanTensor b) {
        Gpu gpu = a.gpu();
        int rank = a.shape().rank();
        int m = a.shape().dim(rank - 2);
        int k = a.shape().dim(rank - 1);
        int n = b.shape().dim(rank - 1);
        int batchRank = rank - 2;
        int[] batch = new int[batchRank];
        long batches = 1;
        for (int d = 0; d < batchRank; d++) {
            batch[d] = Math.max(a.shape().dim(d), b.shape().dim(d));
            batches *= batch[d];
        }
        int[] outDims = new int[rank];
        System.arraycopy(batch, 0, outDims, 0, batchRank);
        outDims[rank - 2] = m;
        outDims[rank - 1] = n;
        VulkanTensor out = compute.empty(gpu, Shape.of(outDims), a.dtype());
        if (out.shape().numel() == 0) {
            return out;
        }
        if (k == 0) {
            VulkanTensor zeros = compute.map(gpu, "fill", "s0", a.dtype(), out.shape(), a.dtype(), new double[] {0});
            out.release();
            return zeros;
        }
        if (batches > gpu.info.maxComputeWorkGroupCount()[2]) {
            throw new VulkanException("vulkan: matmul with " + batches + " batches exceeds the device's maxComputeWorkGroupCount[2] of "
                    + gpu.info.maxComputeWorkGroupCount()[2]);
        }
        Compute.checkBudget("matmul", k + k / 8 + 1);
        int tile = gpu.info.maxComputeWorkGroupInvocations() >= 256 && gpu.info.maxComputeWorkGroupSize()[0] >= 16
                && gpu.info.maxComputeWorkGroupSize()[1] >= 16 ? 16 : 8;
        Kernel kernel = gpu.kernels.get("matmul", source(tile, a.dtype()), 4);
        Params p = new Params().add(m, n, k, batchRank).add(batch);
        operand(p, a, batch);
        operand(p, b, batch);
        gpu.stream.dispatch(kernel, p.build(), new Allocation[] {out.storage.allocation, a.storage.allocation, b.storage.allocation},
                (n + tile - 1) / tile, (m + tile - 1) / tile, (int) batches);
        return out;
    }

    /** Offset, broadcast batch strides, then row and column strides of one operand. */
    private static void operand(Params p, VulkanTensor t, int[] batch) {
        int rank = t.shape().rank();
        p.add(t.offset);
        for (int d = 0; d < batch.length; d++) {
            p.add(t.shape().dim(d) == 1 && batch[d] != 1 ? 0 : t.stride(d));
        }
        p.add(t.stride(rank - 2), t.stride(rank - 1));
    }

    private static String source(int tile, DType dtype) {
        String type = Glsl.type(dtype);
        return Glsl.header(tile, tile) + Glsl.buffer(1, "o_", dtype, false) + Glsl.buffer(2, "a_", dtype, true)
                + Glsl.buffer(3, "b_", dtype, true)
                + "shared " + type + " ta[" + tile + "][" + tile + "];\nshared " + type + " tb[" + tile + "][" + tile + "];\n"
                + "void main() {\n"
                + "  int M = p[0], N = p[1], K = p[2], br = p[3];\n"
                + "  int aBase = 4 + br, bBase = aBase + br + 3;\n"
                + "  int offA = p[aBase], offB = p[bBase];\n"
                + "  uint rem = gl_WorkGroupID.z;\n"
                + "  for (int d = br - 1; d >= 0; d--) {\n    uint size = uint(p[4 + d]);\n    int i = int(rem % size);\n    rem /= size;\n"
                + "    offA += i * p[aBase + 1 + d];\n    offB += i * p[bBase + 1 + d];\n  }\n"
                + "  int aRow = p[aBase + 1 + br], aCol = p[aBase + 2 + br], bRow = p[bBase + 1 + br], bCol = p[bBase + 2 + br];\n"
                + "  int lx = int(gl_LocalInvocationID.x), ly = int(gl_LocalInvocationID.y);\n"
                + "  int row = int(gl_WorkGroupID.y) * " + tile + " + ly;\n  int col = int(gl_WorkGroupID.x) * " + tile + " + lx;\n"
                + "  " + type + " acc = " + type + "(0);\n"
                + "  for (int t0 = 0; t0 < K; t0 += " + tile + ") {\n"
                + "    int ka = t0 + lx, kb = t0 + ly;\n"
                + "    ta[ly][lx] = (row < M && ka < K) ? a_[offA + row * aRow + ka * aCol] : " + type + "(0);\n"
                + "    tb[ly][lx] = (kb < K && col < N) ? b_[offB + kb * bRow + col * bCol] : " + type + "(0);\n"
                + "    barrier();\n"
                + "    for (int q = 0; q < " + tile + "; q++) { acc += ta[ly][q] * tb[q][lx]; }\n"
                + "    barrier();\n  }\n"
                + "  if (row < M && col < N) { o_[int(gl_WorkGroupID.z) * M * N + row * N + col] = acc; }\n}\n";
    }
}
