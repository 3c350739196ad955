package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Batched matrix product with broadcast batch dimensions: a tiled, register-blocked GEMM. A workgroup of
 * {@code T x T = 8 x 8} invocations computes a {@code TR x TR = 64 x 64} output tile ({@code R = 8}): per step along
 * K it stages a {@code 64 x 8} slice of A and an {@code 8 x 64} slice of B in shared memory (4 KiB in F32), then each
 * invocation accumulates its {@code 8 x 8} outputs (rows {@code ly + i T}, columns {@code lx + j T}) in registers, so
 * every barrier pair amortises 512 multiply-adds per invocation. Operands are read through their strides, so
 * transposed or sliced views need no copy.
 */
final class MatMul {
    /** Invocations per workgroup along each axis: 64 in all, within every device's limit of at least 128. */
    private static final int TILE = 8;
    /** Outputs per invocation along each axis: a 64 x 64 tile per workgroup. */
    private static final int MICRO = 8;

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
        int r = MICRO;
        int tile = TILE;
        Kernel kernel = gpu.kernels.get("matmul", source(tile, a.dtype()), 4);
        Params p = new Params().add(m, n, k, batchRank).add(batch);
        operand(p, a, batch);
        operand(p, b, batch);
        gpu.stream.dispatch(kernel, p.build(), new Allocation[] {out.storage.allocation, a.storage.allocation, b.storage.allocation},
                (n + tile * r - 1) / (tile * r), (m + tile * r - 1) / (tile * r), (int) batches, batches * m * n * k);
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
        int r = MICRO;
        int block = tile * r;
        return Glsl.header(tile, tile) + Glsl.buffer(1, "o_", dtype, false) + Glsl.buffer(2, "a_", dtype, true)
                + Glsl.buffer(3, "b_", dtype, true)
                + "const int T = " + tile + ", R = " + r + ", BM = " + block + ";\n"
                + "shared " + type + " ta[T][BM];\nshared " + type + " tb[T][BM];\n"
                + "void main() {\n"
                + "  int M = p[0], N = p[1], K = p[2], br = p[3];\n"
                + "  int aBase = 4 + br, bBase = aBase + br + 3;\n"
                + "  int offA = p[aBase], offB = p[bBase];\n"
                + "  uint rem = gl_WorkGroupID.z;\n"
                + "  for (int d = br - 1; d >= 0; d--) {\n    uint size = uint(p[4 + d]);\n    int i = int(rem % size);\n    rem /= size;\n"
                + "    offA += i * p[aBase + 1 + d];\n    offB += i * p[bBase + 1 + d];\n  }\n"
                + "  int aRow = p[aBase + 1 + br], aCol = p[aBase + 2 + br], bRow = p[bBase + 1 + br], bCol = p[bBase + 2 + br];\n"
                + "  int lx = int(gl_LocalInvocationID.x), ly = int(gl_LocalInvocationID.y);\n"
                + "  int row0 = int(gl_WorkGroupID.y) * BM, col0 = int(gl_WorkGroupID.x) * BM;\n"
                + "  " + type + " acc[R][R];\n"
                + "  for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) acc[i][j] = " + type + "(0);\n"
                + "  for (int t0 = 0; t0 < K; t0 += T) {\n"
                + "    for (int i = 0; i < R; i++) {\n"
                + "      int row = row0 + ly + i * T, ka = t0 + lx;\n"
                + "      ta[lx][ly + i * T] = (row < M && ka < K) ? a_[offA + row * aRow + ka * aCol] : " + type + "(0);\n"
                + "      int col = col0 + lx + i * T, kb = t0 + ly;\n"
                + "      tb[ly][lx + i * T] = (kb < K && col < N) ? b_[offB + kb * bRow + col * bCol] : " + type + "(0);\n"
                + "    }\n"
                + "    barrier();\n"
                + "    for (int q = 0; q < T; q++) {\n"
                + "      " + type + " av[R], bv[R];\n"
                + "      for (int i = 0; i < R; i++) { av[i] = ta[q][ly + i * T]; bv[i] = tb[q][lx + i * T]; }\n"
                + "      for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) acc[i][j] += av[i] * bv[j];\n"
                + "    }\n"
                + "    barrier();\n  }\n"
                + "  int outBase = int(gl_WorkGroupID.z) * M * N;\n"
                + "  for (int i = 0; i < R; i++) {\n    int row = row0 + ly + i * T;\n    if (row >= M) continue;\n"
                + "    for (int j = 0; j < R; j++) {\n      int col = col0 + lx + j * T;\n"
                + "      if (col < N) o_[outBase + row * N + col] = acc[i][j];\n    }\n  }\n}\n";
    }
}
