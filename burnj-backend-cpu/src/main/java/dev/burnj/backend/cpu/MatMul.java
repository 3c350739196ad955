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
                multiplyF32(p, lhs, rhs, out);
            } else {
                GemmJava.multiply(p, lhs, rhs, out);
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** sgemm reads most layouts in place; an operand whose matrices have neither dense rows nor dense columns is copied. */
    private void multiplyF32(GemmProblem p, CpuTensor lhs, CpuTensor rhs, CpuTensor out) {
        if (GemmF32.fits(p)) {
            GemmF32.multiply(p, lhs, rhs, out);
            return;
        }
        boolean denseA = GemmF32.layout(p.m, p.k, p.aRowStride, p.aColStride) == null;
        boolean denseB = GemmF32.layout(p.k, p.n, p.bRowStride, p.bColStride) == null;
        CpuTensor a = denseA ? transfers.contiguous(lhs) : lhs;
        try {
            CpuTensor b = denseB ? transfers.contiguous(rhs) : rhs;
            try {
                GemmF32.multiply(GemmProblem.of(a, b), a, b, out);
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
