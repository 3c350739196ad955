package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Matrix products over the last two dims with broadcast batch dims ({@code [..., m, k] x [..., k, n]}): F32 on
 * oneDNN's sgemm ({@link GemmF32}), reading transposed views in place; F64 and the integer dtypes on a Java GEMM
 * ({@link GemmJava}). The result is always a fresh dense tensor.
 */
final class MatMul {
    private final Transfers transfers;

    MatMul(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor matmul(CpuTensor lhs, CpuTensor rhs) {
        DType dtype = lhs.dtype();
        if (rhs.dtype() != dtype) {
            throw new IllegalArgumentException("cpu: matmul: dtypes " + dtype + " and " + rhs.dtype() + " differ");
        }
        if (dtype == DType.BOOL) {
            throw new UnsupportedOperationException("cpu: matmul is not defined for BOOL");
        }
        GemmProblem p = GemmProblem.of(lhs, rhs);
        CpuTensor out = lhs.allocateLike(Shape.of(p.outDims), dtype);
        if (out.numel() == 0) {
            return out;
        }
        if (p.k == 0) {
            NativeMemory.setBytes(out.address(), out.numel() * out.itemSize(), (byte) 0);
            return out;
        }
        try {
            if (dtype == DType.F32) {
                multiplyF32(p, lhs, rhs, out, false);
            } else {
                GemmJava.multiply(p, lhs, rhs, out);
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * A linear layer, {@code input x weight^T + bias} for F32 {@code [n, in]}, {@code [out, in]} and {@code [out]}:
     * the bias is copied into every row of the result and the product added onto it (sgemm's beta, the primitive's
     * sum post-op), where the composition runs a broadcast add over the product. Null for other dtypes and ranks,
     * which take the composition.
     */
    CpuTensor linear(CpuTensor input, CpuTensor weight, CpuTensor bias) {
        if (input.dtype() != DType.F32 || weight.dtype() != DType.F32 || bias.dtype() != DType.F32 || input.dims().length != 2
                || weight.dims().length != 2 || bias.dims().length != 1 || input.dims()[1] != weight.dims()[1]
                || bias.dims()[0] != weight.dims()[0] || input.numel() == 0 || input.dims()[1] == 0) {
            return null;
        }
        CpuTensor transposed = weight.view(Shape.of(weight.dims()[1], weight.dims()[0]), weight.offset(),
                new long[] {weight.strides()[1], weight.strides()[0]});
        CpuTensor b = null;
        CpuTensor out = null;
        try {
            b = transfers.contiguous(bias);
            GemmProblem p = GemmProblem.of(input, transposed);
            out = input.allocateLike(Shape.of(p.outDims), DType.F32);
            long row = (long) p.n * Float.BYTES;
            for (long r = 0; r < p.m; r++) {
                NativeMemory.copy(b.address(), out.address() + r * row, row);
            }
            multiplyF32(p, input, transposed, out, true);
            CpuTensor result = out;
            out = null;
            return result;
        } finally {
            if (out != null) {
                out.release();
            }
            if (b != null) {
                b.release();
            }
            transposed.release();
        }
    }

    /** sgemm reads most layouts in place; an operand whose matrices have neither dense rows nor dense columns is copied. */
    private void multiplyF32(GemmProblem p, CpuTensor lhs, CpuTensor rhs, CpuTensor out, boolean accumulate) {
        if (GemmF32.fits(p)) {
            GemmF32.multiply(p, lhs, rhs, out, accumulate);
            return;
        }
        boolean denseA = GemmF32.layout(p.m, p.k, p.aRowStride, p.aColStride) == null;
        boolean denseB = GemmF32.layout(p.k, p.n, p.bRowStride, p.bColStride) == null;
        CpuTensor a = denseA ? transfers.contiguous(lhs) : lhs;
        try {
            CpuTensor b = denseB ? transfers.contiguous(rhs) : rhs;
            try {
                GemmF32.multiply(GemmProblem.of(a, b), a, b, out, accumulate);
            } finally {
                if (denseB) {
                    b.release();
                }
            }
        } finally {
            if (denseA) {
                a.release();
            }
        }
    }
}
