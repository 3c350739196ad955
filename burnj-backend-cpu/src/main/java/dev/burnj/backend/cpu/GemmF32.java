package dev.burnj.backend.cpu;

import org.bytedeco.dnnl.global.dnnl;

/**
 * F32 products on oneDNN's row-major {@code dnnl_sgemm}, reading the operands in place: a matrix whose columns are
 * dense is passed as is ({@code 'N'}), one whose rows are dense (a transposed view, such as {@code W^T} in a linear
 * layer) as its transpose ({@code 'T'}). A batch whose B is shared and whose A matrices lie evenly one after another
 * runs as one tall product; any other batch runs one call per matrix. Products with a transposed B that sgemm runs
 * slowly go to a cached matmul primitive instead ({@link GemmPrimitives}). With oneDNN single-threaded
 * ({@link OneDnnThreads}) a large product is cut into one piece per worker; a linear layer's product can be added onto
 * the bias rows already in c.
 */
final class GemmF32 {
    /**
     * From this many multiply-adds a product is split across the workers ({@link OneDnnThreads}): 64x64x64 takes
     * some 2 us on one core, about what handing half of it to a worker costs.
     */
    private static final long SPLIT_WORK = 1 << 18;

    private GemmF32() {}

    /** How sgemm reads one matrix: {@code 'N'} or {@code 'T'} and the leading dimension. */
    record Layout(byte trans, long ld) {}

    /**
     * The layout of a {@code rows x cols} matrix whose elements step by {@code rowStride} and {@code colStride}, or
     * null when sgemm cannot read it in place (the elements of neither a row nor a column are adjacent, or rows
     * overlap, as in an expanded view).
     */
    static Layout layout(long rows, long cols, long rowStride, long colStride) {
        if (cols <= 1 || colStride == 1) {
            long ld = rows <= 1 ? Math.max(cols, 1) : rowStride;
            if (ld >= Math.max(cols, 1)) {
                return new Layout((byte) 'N', ld);
            }
        }
        if (rows <= 1 || rowStride == 1) {
            long ld = cols <= 1 ? Math.max(rows, 1) : colStride;
            if (ld >= Math.max(rows, 1)) {
                return new Layout((byte) 'T', ld);
            }
        }
        return null;
    }

    /** Whether sgemm reads both operands' matrices in place. */
    static boolean fits(GemmProblem p) {
        return layout(p.m, p.k, p.aRowStride, p.aColStride) != null && layout(p.k, p.n, p.bRowStride, p.bColStride) != null;
    }

    /**
     * {@code c = a x b} for a problem with {@code m, n, k > 0} whose operands {@link #fits fit}; c is dense. With
     * {@code accumulate}, {@code c += a x b} (the product added onto c's values, as a linear layer's bias).
     */
    static void multiply(GemmProblem p, CpuTensor a, CpuTensor b, CpuTensor c, boolean accumulate) {
        Layout lb = layout(p.k, p.n, p.bRowStride, p.bColStride);
        long folded = p.count > 1 && p.bBroadcast() ? p.aFoldedRowStride() : -1;
        if (folded >= 0) {
            long rows = p.count * p.m;
            Layout la = layout(rows, p.k, folded, p.aColStride);
            if (la != null) {
                product(la, lb, rows, p.n, p.k, a.address(), b.address(), c.address(), accumulate);
                return;
            }
        }
        Layout la = layout(p.m, p.k, p.aRowStride, p.aColStride);
        long[] ab = new long[2];
        long matrix = (long) p.m * p.n;
        for (long i = 0; i < p.count; i++) {
            p.offsets(i, ab);
            product(la, lb, p.m, p.n, p.k, a.address() + ab[0] * Float.BYTES, b.address() + ab[1] * Float.BYTES,
                    c.address() + i * matrix * Float.BYTES, accumulate);
        }
    }

    /**
     * One product of {@code m x k} by {@code k x n} into dense c. With oneDNN single-threaded, a large one is cut
     * along the longer of m and n into one piece per worker; the pieces depend only on the shape and the thread
     * count, so a product always rounds the same way.
     */
    private static void product(Layout la, Layout lb, long m, long n, long k, long a, long b, long c, boolean accumulate) {
        int parts = OneDnnThreads.parts();
        if (parts < 2 || m * n * k < SPLIT_WORK || Math.max(m, n) < 2L * parts) {
            part(la, lb, m, n, k, a, b, c, n, accumulate, 0);
            return;
        }
        boolean byRows = m >= n;
        long extent = byRows ? m : n;
        Parallel.forRange(parts, Parallel.GRAIN, (from, to) -> {
            for (long p = from; p < to; p++) {
                long lo = extent * p / parts;
                long hi = extent * (p + 1) / parts;
                if (byRows) {
                    long aOffset = la.trans() == 'N' ? lo * la.ld() : lo;
                    part(la, lb, hi - lo, n, k, a + aOffset * Float.BYTES, b, c + lo * n * Float.BYTES, n, accumulate, (int) p);
                } else {
                    long bOffset = lb.trans() == 'N' ? lo : lo * lb.ld();
                    part(la, lb, m, hi - lo, k, a, b + bOffset * Float.BYTES, c + lo * Float.BYTES, n, accumulate, (int) p);
                }
            }
        });
    }

    /** One product into c, whose rows are {@code ldc} apart, on a matmul primitive where that is faster; {@code slot} is the piece. */
    private static void part(Layout la, Layout lb, long m, long n, long k, long a, long b, long c, long ldc, boolean accumulate, int slot) {
        if (GemmPrimitives.prefers(m, n, k, lb) && GemmPrimitives.multiply(la, lb, m, n, k, a, b, c, ldc, accumulate, slot)) {
            return;
        }
        int status = dnnl.dnnl_sgemm(la.trans(), lb.trans(), m, n, k, 1f, Dnnl.floats(a), la.ld(), Dnnl.floats(b), lb.ld(), accumulate ? 1f : 0f,
                Dnnl.floats(c), ldc);
        if (status != dnnl.dnnl_success) {
            Dnnl.check(status, "sgemm " + (char) la.trans() + (char) lb.trans() + " " + m + "x" + k + "x" + n);
        }
    }
}
