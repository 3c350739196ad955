package dev.burnj.backend.cpu;

import java.util.Arrays;

/**
 * The shape of a batched matrix product {@code [..., m, k] x [..., k, n] -> [..., m, n]}: the broadcast batch, the
 * matrix sizes, and where each operand's matrices lie (element strides per batch dim, 0 where it is broadcast, and
 * the row and column strides of one matrix). The output is dense. Operands of different rank broadcast like numpy:
 * trailing batch dims align.
 */
final class GemmProblem {
    final int m;
    final int k;
    final int n;
    /** The broadcast batch dims. */
    final int[] batch;
    /** Batch matrices in all: the product of {@link #batch}. */
    final long count;
    final int[] outDims;
    final long[] aBatchStrides;
    final long[] bBatchStrides;
    final long aRowStride;
    final long aColStride;
    final long bRowStride;
    final long bColStride;

    private GemmProblem(CpuTensor a, CpuTensor b) {
        int[] ad = a.dims();
        int[] bd = b.dims();
        if (ad.length < 2 || bd.length < 2) {
            throw new IllegalArgumentException("cpu: matmul needs rank >= 2, got " + a.shape() + " x " + b.shape());
        }
        int ar = ad.length;
        int br = bd.length;
        m = ad[ar - 2];
        k = ad[ar - 1];
        n = bd[br - 1];
        if (bd[br - 2] != k) {
            throw new IllegalArgumentException("cpu: matmul: " + a.shape() + " x " + b.shape() + ": inner dims " + k + " and "
                    + bd[br - 2] + " differ");
        }
        int rank = Math.max(ar, br);
        batch = new int[rank - 2];
        for (int d = 0; d < batch.length; d++) {
            int x = dimFromEnd(ad, rank - d);
            int y = dimFromEnd(bd, rank - d);
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("cpu: matmul: " + a.shape() + " x " + b.shape() + ": batch sizes " + x + " and " + y
                        + " do not broadcast");
            }
            batch[d] = x == 1 ? y : x;
        }
        long c = 1;
        for (int s : batch) {
            c *= s;
        }
        count = c;
        outDims = Arrays.copyOf(batch, rank);
        outDims[rank - 2] = m;
        outDims[rank - 1] = n;
        aBatchStrides = batchStrides(a, batch);
        bBatchStrides = batchStrides(b, batch);
        aRowStride = a.strides()[ar - 2];
        aColStride = a.strides()[ar - 1];
        bRowStride = b.strides()[br - 2];
        bColStride = b.strides()[br - 1];
    }

    static GemmProblem of(CpuTensor a, CpuTensor b) {
        return new GemmProblem(a, b);
    }

    /** Dimension {@code fromEnd} counted from the end (1 is the last), or 1 when the tensor has fewer. */
    private static int dimFromEnd(int[] dims, int fromEnd) {
        int d = dims.length - fromEnd;
        return d < 0 ? 1 : dims[d];
    }

    /** The strides of {@code t}'s batch dims read as {@code batch}: 0 where it has size 1 or no such dim. */
    private static long[] batchStrides(CpuTensor t, int[] batch) {
        int[] dims = t.dims();
        long[] s = t.strides();
        long[] out = new long[batch.length];
        int shift = batch.length - (dims.length - 2);
        for (int d = 0; d < dims.length - 2; d++) {
            out[d + shift] = dims[d] == 1 ? 0 : s[d];
        }
        return out;
    }

    /** Whether operand B is one matrix for the whole batch. */
    boolean bBroadcast() {
        for (int d = 0; d < batch.length; d++) {
            if (batch[d] != 1 && bBatchStrides[d] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The single row stride of A's batch and row dims merged into {@code count * m} rows, or -1 when they do not
     * merge (A is broadcast over some batch dim, or its matrices are not evenly spaced).
     */
    long aFoldedRowStride() {
        long stride = m == 1 ? -1 : aRowStride;
        long expected = m == 1 ? -1 : aRowStride * m;
        for (int d = batch.length - 1; d >= 0; d--) {
            if (batch[d] == 1) {
                continue;
            }
            long s = aBatchStrides[d];
            if (stride < 0) {
                stride = s;
                expected = s;
            }
            if (s != expected || s == 0) {
                return -1;
            }
            expected *= batch[d];
        }
        return Math.max(stride, 0);
    }

    /** Element offsets of batch matrix {@code index} (row-major over {@link #batch}) in A and in B. */
    void offsets(long index, long[] ab) {
        long a = 0;
        long b = 0;
        for (int d = batch.length - 1; d >= 0; d--) {
            long i = index % batch[d];
            index /= batch[d];
            a += i * aBatchStrides[d];
            b += i * bBatchStrides[d];
        }
        ab[0] = a;
        ab[1] = b;
    }
}
