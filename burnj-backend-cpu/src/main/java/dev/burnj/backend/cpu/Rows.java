package dev.burnj.backend.cpu;

/**
 * Walks an n-d index space row by row — a row is a run along the innermost dimension — keeping one element offset per
 * operand, so that a kernel's inner loop is a plain strided loop. Dimensions of size 1 are dropped and neighbours
 * that every operand steps over evenly are merged first, so contiguous operands give one long row.
 *
 * <pre>{@code
 * Rows rows = Rows.over(out.dims(), new long[] {0, a.offset()}, outStrides, aStrides);
 * while (rows.next()) {
 *     long o = rows.offset(0), x = rows.offset(1);
 *     for (int i = 0; i < rows.length(); i++, o += rows.step(0), x += rows.step(1)) { ... }
 * }
 * }</pre>
 */
final class Rows {
    private final int[] dims;
    private final long[][] strides;
    private final long[] bases;
    private final long[] offsets;
    private final long[] steps;
    private final int[] counter;
    private final int length;
    private final long rows;
    private long remaining;

    private Rows(int[] dims, long[][] strides, long[] bases, int length, long[] steps) {
        this.dims = dims;
        this.strides = strides;
        this.bases = bases;
        this.length = length;
        this.steps = steps;
        this.offsets = bases.clone();
        this.counter = new int[dims.length];
        long r = 1;
        for (int d : dims) {
            r *= d;
        }
        this.rows = length == 0 ? 0 : r;
        this.remaining = rows;
        first = true;
    }

    private boolean first;

    /**
     * The rows of {@code dims}, with operand {@code k} starting at element offset {@code bases[k]} and stepping by
     * {@code strides[k]} (one stride per dimension of {@code dims}; 0 broadcasts).
     */
    static Rows over(int[] dims, long[] bases, long[]... strides) {
        int n = strides.length;
        int rank = dims.length;
        int[] kept = new int[rank];
        long[][] ks = new long[n][rank];
        int r = 0;
        boolean empty = false;
        for (int d = 0; d < rank; d++) {
            if (dims[d] == 0) {
                empty = true;
            }
            if (dims[d] == 1) {
                continue;
            }
            if (r > 0 && (long) kept[r - 1] * dims[d] <= Integer.MAX_VALUE && mergeable(ks, r - 1, strides, d, dims[d])) {
                kept[r - 1] *= dims[d];
                for (int k = 0; k < n; k++) {
                    ks[k][r - 1] = strides[k][d];
                }
                continue;
            }
            kept[r] = dims[d];
            for (int k = 0; k < n; k++) {
                ks[k][r] = strides[k][d];
            }
            r++;
        }
        int length = empty ? 0 : r == 0 ? 1 : kept[r - 1];
        long[] steps = new long[n];
        int outer = Math.max(r - 1, 0);
        int[] outerDims = new int[outer];
        System.arraycopy(kept, 0, outerDims, 0, outer);
        long[][] outerStrides = new long[n][outer];
        for (int k = 0; k < n; k++) {
            steps[k] = r == 0 ? 0 : ks[k][r - 1];
            System.arraycopy(ks[k], 0, outerStrides[k], 0, outer);
        }
        return new Rows(outerDims, outerStrides, bases.clone(), length, steps);
    }

    /** Whether dimension {@code d} (size {@code size}) continues the previous kept one evenly for every operand. */
    private static boolean mergeable(long[][] ks, int prev, long[][] strides, int d, int size) {
        for (int k = 0; k < strides.length; k++) {
            if (ks[k][prev] != strides[k][d] * size) {
                return false;
            }
        }
        return true;
    }

    /** Moves to the next row (the first on the first call); false when there is none left. */
    boolean next() {
        if (remaining == 0) {
            return false;
        }
        remaining--;
        if (first) {
            first = false;
            return true;
        }
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++counter[d] < dims[d]) {
                for (int k = 0; k < offsets.length; k++) {
                    offsets[k] += strides[k][d];
                }
                return true;
            }
            counter[d] = 0;
            for (int k = 0; k < offsets.length; k++) {
                offsets[k] -= strides[k][d] * (dims[d] - 1);
            }
        }
        throw new IllegalStateException("cpu: row walk ran past its end");
    }

    /** Restricts the walk to rows {@code [from, to)}: the next call of {@link #next()} returns row {@code from}. */
    Rows range(long from, long to) {
        long rest = from;
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = bases[k];
        }
        for (int d = dims.length - 1; d >= 0; d--) {
            counter[d] = (int) (rest % dims[d]);
            rest /= dims[d];
            for (int k = 0; k < offsets.length; k++) {
                offsets[k] += counter[d] * strides[k][d];
            }
        }
        first = true;
        remaining = Math.max(0, Math.min(to, rows) - from);
        return this;
    }

    /** The current row's first element offset for operand {@code k}. */
    long offset(int k) {
        return offsets[k];
    }

    /** Operand {@code k}'s stride along a row. */
    long step(int k) {
        return steps[k];
    }

    /** Elements per row (the same for every row). */
    int length() {
        return length;
    }

    /** How many rows the whole walk has. */
    long rows() {
        return rows;
    }

    /**
     * Strides of {@code tensor} for reading it broadcast to {@code outDims} (numpy rules, trailing dimensions aligned):
     * a dimension of size 1 broadcast to a larger one, and missing leading ones, get stride 0.
     */
    static long[] broadcastStrides(CpuTensor tensor, int[] outDims) {
        int[] dims = tensor.dims();
        long[] s = tensor.strides();
        long[] out = new long[outDims.length];
        int shift = outDims.length - dims.length;
        for (int d = 0; d < dims.length; d++) {
            out[d + shift] = dims[d] == 1 && outDims[d + shift] != 1 ? 0 : s[d];
        }
        return out;
    }
}
