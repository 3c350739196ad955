package dev.burnj.backend.cpu;

/**
 * The lanes of a tensor along one dimension — the 1-d runs of elements that a dim reduction, scan, sort or softmax
 * works on — paired with where each lane's result goes in an output tensor. Lanes are numbered in row-major order of
 * the other dimensions, so a range of lane numbers can be handed to one thread: every lane is independent.
 */
final class ReduceLanes {
    /** One lane: its first element's offset (in elements, relative to {@code address()}) in the input and the output. */
    @FunctionalInterface
    interface Lane {
        void run(long in, long out);
    }

    private final int[] dims;
    private final long[] inStrides;
    private final long[] outStrides;
    private final long count;

    private ReduceLanes(int[] dims, long[] inStrides, long[] outStrides) {
        this.dims = dims;
        this.inStrides = inStrides;
        this.outStrides = outStrides;
        long c = 1;
        for (int d : dims) {
            c *= d;
        }
        this.count = c;
    }

    /**
     * The lanes of {@code in} along {@code dim}; {@code out} has the same rank, and either the same size along
     * {@code dim} (scans, sorts) or size 1 there (reductions). Dimensions of size 1 are dropped.
     */
    static ReduceLanes along(CpuTensor in, CpuTensor out, int dim) {
        int[] d = in.dims();
        int kept = 0;
        for (int k = 0; k < d.length; k++) {
            if (k != dim && d[k] != 1) {
                kept++;
            }
        }
        int[] dims = new int[kept];
        long[] is = new long[kept];
        long[] os = new long[kept];
        int r = 0;
        for (int k = 0; k < d.length; k++) {
            if (k != dim && d[k] != 1) {
                dims[r] = d[k];
                is[r] = in.strides()[k];
                os[r] = out.strides()[k];
                r++;
            }
        }
        return new ReduceLanes(dims, is, os);
    }

    long count() {
        return count;
    }

    /** Runs {@code lane} on lanes {@code [from, to)} in order. */
    void walk(long from, long to, Lane lane) {
        if (from >= to) {
            return;
        }
        int rank = dims.length;
        int[] index = new int[rank];
        long rest = from;
        long x = 0;
        long o = 0;
        for (int d = rank - 1; d >= 0; d--) {
            index[d] = (int) (rest % dims[d]);
            rest /= dims[d];
            x += index[d] * inStrides[d];
            o += index[d] * outStrides[d];
        }
        for (long l = from; l < to; l++) {
            lane.run(x, o);
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    x += inStrides[d];
                    o += outStrides[d];
                    break;
                }
                index[d] = 0;
                x -= inStrides[d] * (dims[d] - 1);
                o -= outStrides[d] * (dims[d] - 1);
            }
        }
    }

    /** Runs {@code lane} on every lane, split across threads when there is enough work ({@code cost} per lane). */
    void forEach(long cost, Lane lane) {
        Parallel.forRange(count, cost, (from, to) -> walk(from, to, lane));
    }
}
