package dev.burnj.backend.cpu;

import dev.burnj.backend.Comparison;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Arrays;

/**
 * The elementwise kernels: arithmetic with tensors and scalars, comparisons, selection, float math, activations and
 * logic, with NumPy broadcasting. Each op walks its fresh dense output's index space in runs along the innermost
 * dimensions ({@link Rows}), split across cores by elements ({@link Parallel}). A run whose F32 operands step
 * by one element, or by zero (a broadcast value, as in {@code [64, 256] + [1, 256]} along dim 0 or
 * {@code [64, 256] - [64, 1]} along dim 1), goes to the tight loops of {@link FastF32}; every other run (F64, the
 * other dtypes, any strides) takes the generic path, which reads and writes through {@link Access} and
 * computes with the op's scalar semantics in {@link BinaryOp} and {@link UnaryOp}.
 *
 * <p>Scalar operands of float ops are first rounded to the tensor's dtype, as PyTorch does. Int tensors with an
 * integral scalar compute exactly in {@code long}; with a fractional one they compute in double and truncate (division
 * floors), as the reference does.
 */
final class Elementwise {
    /** Comparison outcome of an unordered pair (a NaN): only NE holds. */
    private static final int UNORDERED = 2;

    private final Transfers transfers;

    Elementwise(Transfers transfers) {
        this.transfers = transfers;
    }

    /**
     * One run of the walk: operand {@code k} (the output first, then the inputs) has its first element at address
     * {@code at[k]} and the following ones {@code step[k]} bytes apart; the run is {@code n} elements long.
     */
    @FunctionalInterface
    private interface Run {
        void apply(long[] at, long[] step, int n);
    }

    CpuTensor compare(CpuTensor lhs, CpuTensor rhs, Comparison op) {
        CpuTensor out = lhs.allocateLike(Shape.broadcast("compare", lhs.shape(), rhs.shape()), DType.BOOL);
        DType fast = fastType(lhs, rhs);
        DType a = lhs.dtype();
        DType b = rhs.dtype();
        boolean exactInts = !a.isFloat() && !b.isFloat();
        return fill(out, 1, (at, step, n) -> {
            if (fast != null && unit(step[0], 1, n)) {
                int size = fast.byteSize();
                boolean ua = unit(step[1], size, n);
                boolean ub = unit(step[2], size, n);
                if (ua && ub) {
                    FastF32.compare(op, at[1], at[2], at[0], n);
                    return;
                }
                if (ua && step[2] == 0) {
                    FastF32.compareScalar(op, at[1], Access.getDouble(fast, at[2]), at[0], n);
                    return;
                }
                if (step[1] == 0 && ub) {
                    FastF32.compareScalar(swapped(op), at[2], Access.getDouble(fast, at[1]), at[0], n);
                    return;
                }
            }
            long o = at[0];
            long x = at[1];
            long y = at[2];
            for (int i = 0; i < n; i++, o += step[0], x += step[1], y += step[2]) {
                boolean r = exactInts ? holds(op, Long.compare(Access.getLong(a, x), Access.getLong(b, y)))
                        : op.test(Access.getDouble(a, x), Access.getDouble(b, y));
                NativeMemory.putByte(o, r ? (byte) 1 : 0);
            }
        }, lhs, rhs);
    }

    /** Compares with the exact scalar: an int tensor compared with 0.5 is compared as numbers, not with 0. */
    CpuTensor compareScalar(CpuTensor lhs, double rhs, Comparison op) {
        CpuTensor out = lhs.allocateLike(lhs.shape(), DType.BOOL);
        DType dt = lhs.dtype();
        DType fast = fastType(lhs);
        return fill(out, 1, (at, step, n) -> {
            if (fast != null && unit(step[0], 1, n) && unit(step[1], fast.byteSize(), n)) {
                FastF32.compareScalar(op, at[1], rhs, at[0], n);
                return;
            }
            long o = at[0];
            long x = at[1];
            for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                boolean r = dt.isFloat() ? op.test(Access.getDouble(dt, x), rhs) : holds(op, compareExact(Access.getLong(dt, x), rhs));
                NativeMemory.putByte(o, r ? (byte) 1 : 0);
            }
        }, lhs);
    }

    /** The result has {@code onTrue}'s dtype; a differently typed {@code onFalse} or non-bool condition is cast first. */
    CpuTensor where(CpuTensor condition, CpuTensor onTrue, CpuTensor onFalse) {
        Shape shape = Shape.broadcast("where", Shape.broadcast("where", condition.shape(), onTrue.shape()), onFalse.shape());
        DType dt = onTrue.dtype();
        int size = dt.byteSize();
        CpuTensor cond = asBool(condition);
        try {
            CpuTensor other = onFalse.dtype() == dt ? (CpuTensor) onFalse.retain() : transfers.cast(onFalse, dt);
            try {
                return fill(onTrue.allocateLike(shape, dt), 1, (at, step, n) -> select(size, at, step, n), cond, onTrue, other);
            } finally {
                other.release();
            }
        } finally {
            cond.release();
        }
    }

    CpuTensor maskFill(CpuTensor t, CpuTensor mask, double value) {
        Shape shape = Shape.broadcast("maskFill", t.shape(), mask.shape());
        if (!shape.equals(t.shape())) {
            throw new IllegalArgumentException("maskFill: mask " + mask.shape() + " does not broadcast to tensor " + t.shape());
        }
        DType dt = t.dtype();
        long bits = switch (dt) {
            case F32 -> Float.floatToRawIntBits((float) value);
            case F64 -> Double.doubleToRawLongBits(value);
            case I32 -> (int) value;
            case I64 -> (long) value;
            case BOOL -> value != 0 ? 1 : 0;
            default -> throw CpuDTypes.unsupported(dt);
        };
        CpuTensor m = asBool(mask);
        try {
            int size = dt.byteSize();
            return fill(t.allocateLike(shape, dt), 1, (at, step, n) -> fillMasked(size, bits, at, step, n), t, m);
        } finally {
            m.release();
        }
    }

    CpuTensor binary(BinaryOp op, CpuTensor lhs, CpuTensor rhs) {
        DType dt = lhs.dtype();
        CpuTensor out = lhs.allocateLike(Shape.broadcast(op.label(), lhs.shape(), rhs.shape()), dt);
        DType fast = fastType(lhs, rhs);
        DType b = rhs.dtype();
        return fill(out, op.cost, (at, step, n) -> {
            if (fast != null && unit(step[0], fast.byteSize(), n)) {
                int size = fast.byteSize();
                boolean ua = unit(step[1], size, n);
                boolean ub = unit(step[2], size, n);
                if (ua && ub) {
                    FastF32.binary(op, at[1], at[2], at[0], n);
                    return;
                }
                if (ua && step[2] == 0) {
                    FastF32.binaryScalar(op, at[1], Access.getDouble(fast, at[2]), at[0], n);
                    return;
                }
                if (step[1] == 0 && ub) {
                    FastF32.scalarLeft(op, Access.getDouble(fast, at[1]), at[2], at[0], n);
                    return;
                }
            }
            long o = at[0];
            long x = at[1];
            long y = at[2];
            if (dt.isFloat()) {
                for (int i = 0; i < n; i++, o += step[0], x += step[1], y += step[2]) {
                    Access.putDouble(dt, o, op.apply(Access.getDouble(dt, x), Access.getDouble(b, y)));
                }
            } else {
                for (int i = 0; i < n; i++, o += step[0], x += step[1], y += step[2]) {
                    Access.putLong(dt, o, op.apply(Access.getLong(dt, x), Access.getLong(b, y)));
                }
            }
        }, lhs, rhs);
    }

    CpuTensor scalar(BinaryOp op, CpuTensor lhs, double rhs) {
        return scalar(op, lhs, rhs, false);
    }

    /** {@code lhs - t}. */
    CpuTensor rsubScalar(CpuTensor t, double lhs) {
        return scalar(BinaryOp.SUB, t, lhs, true);
    }

    /** {@code t op s}, or {@code s op t} when {@code scalarLeft}. */
    private CpuTensor scalar(BinaryOp op, CpuTensor t, double s, boolean scalarLeft) {
        DType dt = t.dtype();
        CpuTensor out = t.allocateLike(t.shape(), dt);
        if (dt.isFloat()) {
            double v = roundTo(dt, s);
            DType fast = fastType(t);
            return fill(out, op.cost, (at, step, n) -> {
                if (fast != null && unit(step[0], fast.byteSize(), n) && unit(step[1], fast.byteSize(), n)) {
                    if (scalarLeft) {
                        FastF32.scalarLeft(op, v, at[1], at[0], n);
                    } else {
                        FastF32.binaryScalar(op, at[1], v, at[0], n);
                    }
                    return;
                }
                long o = at[0];
                long x = at[1];
                for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                    double e = Access.getDouble(dt, x);
                    Access.putDouble(dt, o, scalarLeft ? op.apply(v, e) : op.apply(e, v));
                }
            }, t);
        }
        if (s == Math.rint(s) && s >= -0x1p63 && s < 0x1p63) {
            long v = (long) s;
            return fill(out, op.cost, (at, step, n) -> {
                long o = at[0];
                long x = at[1];
                for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                    long e = Access.getLong(dt, x);
                    Access.putLong(dt, o, scalarLeft ? op.apply(v, e) : op.apply(e, v));
                }
            }, t);
        }
        // A fractional scalar: the real result, floored for division and truncated by the store.
        return fill(out, op.cost, (at, step, n) -> {
            long o = at[0];
            long x = at[1];
            for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                double e = Access.getDouble(dt, x);
                double r = scalarLeft ? op.apply(s, e) : op.apply(e, s);
                Access.putDouble(dt, o, op == BinaryOp.DIV ? Math.floor(r) : r);
            }
        }, t);
    }

    /** Either bound may be infinite; NaN stays NaN. Int tensors clamp into {@code [ceil min, floor max]}. */
    CpuTensor clamp(CpuTensor t, double min, double max) {
        DType dt = t.dtype();
        CpuTensor out = t.allocateLike(t.shape(), dt);
        if (dt.isFloat()) {
            double lo = roundTo(dt, min);
            double hi = roundTo(dt, max);
            DType fast = fastType(t);
            return fill(out, 1, (at, step, n) -> {
                if (fast != null && unit(step[0], fast.byteSize(), n) && unit(step[1], fast.byteSize(), n)) {
                    FastF32.clamp(at[1], (float) lo, (float) hi, at[0], n);
                    return;
                }
                long o = at[0];
                long x = at[1];
                for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                    Access.putDouble(dt, o, Math.min(Math.max(Access.getDouble(dt, x), lo), hi));
                }
            }, t);
        }
        long floor = dt == DType.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long ceiling = dt == DType.I32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long lo = Math.min(Math.max((long) Math.ceil(min), floor), ceiling);
        long hi = Math.min(Math.max((long) Math.floor(max), floor), ceiling);
        return fill(out, 1, (at, step, n) -> {
            long o = at[0];
            long x = at[1];
            for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                Access.putLong(dt, o, Math.min(Math.max(Access.getLong(dt, x), lo), hi));
            }
        }, t);
    }

    CpuTensor unary(UnaryOp op, CpuTensor t) {
        DType dt = t.dtype();
        DType fast = fastType(t);
        return fill(t.allocateLike(t.shape(), dt), op.cost, (at, step, n) -> {
            if (fast != null && unit(step[0], fast.byteSize(), n) && unit(step[1], fast.byteSize(), n)) {
                FastF32.unary(op, at[1], at[0], n);
                return;
            }
            long o = at[0];
            long x = at[1];
            if (dt.isFloat()) {
                for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                    Access.putDouble(dt, o, op.apply(Access.getDouble(dt, x)));
                }
            } else {
                for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                    Access.putLong(dt, o, op.apply(Access.getLong(dt, x)));
                }
            }
        }, t);
    }

    /** {@code x >= 0 ? x : slope * x}; on int tensors the scaled negative part is truncated. */
    CpuTensor leakyRelu(CpuTensor t, double slope) {
        DType dt = t.dtype();
        DType fast = fastType(t);
        double k = dt.isFloat() ? roundTo(dt, slope) : slope;
        return fill(t.allocateLike(t.shape(), dt), 1, (at, step, n) -> {
            if (fast != null && unit(step[0], fast.byteSize(), n) && unit(step[1], fast.byteSize(), n)) {
                FastF32.leakyRelu(at[1], (float) k, at[0], n);
                return;
            }
            long o = at[0];
            long x = at[1];
            for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                if (dt.isFloat()) {
                    double e = Access.getDouble(dt, x);
                    Access.putDouble(dt, o, e >= 0 ? e : k * e);
                } else {
                    long e = Access.getLong(dt, x);
                    if (e >= 0) {
                        Access.putLong(dt, o, e);
                    } else {
                        Access.putDouble(dt, o, k * e);
                    }
                }
            }
        }, t);
    }

    /** AND, OR or XOR of two tensors read as bools (non-zero is true); BOOL result. */
    CpuTensor logical(BinaryOp op, CpuTensor lhs, CpuTensor rhs) {
        CpuTensor out = lhs.allocateLike(Shape.broadcast(op.label(), lhs.shape(), rhs.shape()), DType.BOOL);
        DType a = lhs.dtype();
        DType b = rhs.dtype();
        return fill(out, 1, (at, step, n) -> {
            long o = at[0];
            long x = at[1];
            long y = at[2];
            for (int i = 0; i < n; i++, o += step[0], x += step[1], y += step[2]) {
                NativeMemory.putByte(o, (byte) op.apply(Access.getLong(a, x), Access.getLong(b, y)));
            }
        }, lhs, rhs);
    }

    CpuTensor not(CpuTensor t) {
        DType dt = t.dtype();
        return fill(t.allocateLike(t.shape(), DType.BOOL), 1, (at, step, n) -> {
            long o = at[0];
            long x = at[1];
            for (int i = 0; i < n; i++, o += step[0], x += step[1]) {
                NativeMemory.putByte(o, Access.getLong(dt, x) == 0 ? (byte) 1 : 0);
            }
        }, t);
    }

    /**
     * Runs {@code run} over {@code out}'s index space with {@code inputs} broadcast to it, in parallel when the work
     * (elements times {@code cost}) is large, and returns {@code out}; releases it if the kernel fails.
     */
    private static CpuTensor fill(CpuTensor out, long cost, Run run, CpuTensor... inputs) {
        try {
            walk(out, cost, run, inputs);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * The walk: one flat run when every operand is dense ({@link #walkDense}); otherwise the rows of {@link Rows}
     * (which merges the dimensions every operand steps over evenly), cut into one contiguous range of elements per
     * thread, so that a few long rows split as well as many short ones.
     */
    private static void walk(CpuTensor out, long cost, Run run, CpuTensor... inputs) {
        if (dense(out, inputs)) {
            walkDense(out, cost, run, inputs);
            return;
        }
        int[] dims = out.dims();
        int k = inputs.length + 1;
        long[][] strides = new long[k][];
        long[] base = new long[k];
        int[] size = new int[k];
        strides[0] = out.strides();
        base[0] = out.address();
        size[0] = out.itemSize();
        for (int j = 1; j < k; j++) {
            strides[j] = Rows.broadcastStrides(inputs[j - 1], dims);
            base[j] = inputs[j - 1].address();
            size[j] = inputs[j - 1].itemSize();
        }
        Rows probe = Rows.over(dims, new long[k], strides);
        long len = probe.length();
        long total = probe.rows() * len;
        if (total == 0) {
            return;
        }
        long[] step = new long[k];
        for (int j = 0; j < k; j++) {
            step[j] = probe.step(j) * size[j];
        }
        Parallel.forRange(total, cost, (from, to) -> {
            Rows rows = from == 0 && to == total ? probe : Rows.over(dims, new long[k], strides);
            long first = from / len;
            rows.range(first, (to + len - 1) / len);
            long[] at = new long[k];
            for (long r = first; rows.next(); r++) {
                long c0 = Math.max(from - r * len, 0);
                long c1 = Math.min(to - r * len, len);
                for (int j = 0; j < k; j++) {
                    at[j] = base[j] + (rows.offset(j) + c0 * rows.step(j)) * size[j];
                }
                run.apply(at, step, (int) (c1 - c0));
            }
        });
    }

    /** Whether every input is dense with the output's shape: the common case, one run without a row walker. */
    private static boolean dense(CpuTensor out, CpuTensor... inputs) {
        for (CpuTensor t : inputs) {
            if (!t.isContiguous() || !Arrays.equals(t.dims(), out.dims())) {
                return false;
            }
        }
        return true;
    }

    /** The walk of dense operands: element ranges of one flat run, each thread's cut into runs of int length. */
    private static void walkDense(CpuTensor out, long cost, Run run, CpuTensor... inputs) {
        int k = inputs.length + 1;
        long[] base = new long[k];
        long[] step = new long[k];
        base[0] = out.address();
        step[0] = out.itemSize();
        for (int j = 1; j < k; j++) {
            base[j] = inputs[j - 1].address();
            step[j] = inputs[j - 1].itemSize();
        }
        Parallel.forRange(out.numel(), cost, (from, to) -> {
            long[] at = new long[k];
            for (long e = from; e < to; e += Integer.MAX_VALUE) {
                for (int j = 0; j < k; j++) {
                    at[j] = base[j] + e * step[j];
                }
                run.apply(at, step, (int) Math.min(to - e, Integer.MAX_VALUE));
            }
        });
    }

    /** Whether a run's operand steps by one element of {@code size} bytes (any step does for a single element). */
    private static boolean unit(long step, int size, int n) {
        return step == size || n == 1;
    }

    /** F32 when every operand has that dtype (so the fast loops apply), else null. */
    private static DType fastType(CpuTensor... operands) {
        DType dt = operands[0].dtype();
        if (dt != DType.F32) {
            return null;
        }
        for (CpuTensor t : operands) {
            if (t.dtype() != dt) {
                return null;
            }
        }
        return dt;
    }

    /** A scalar operand as the float dtype holds it. */
    private static double roundTo(DType dt, double value) {
        return dt == DType.F32 ? (float) value : value;
    }

    /** The operator with its operands exchanged: {@code s < x} is {@code x > s}. */
    private static Comparison swapped(Comparison op) {
        return switch (op) {
            case GT -> Comparison.LT;
            case GE -> Comparison.LE;
            case LT -> Comparison.GT;
            case LE -> Comparison.GE;
            default -> op;
        };
    }

    /** Whether {@code op} holds for a pair that compares as {@code cmp} (negative, zero, positive or UNORDERED). */
    private static boolean holds(Comparison op, int cmp) {
        if (cmp == UNORDERED) {
            return op == Comparison.NE;
        }
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
        };
    }

    /**
     * Compares an integer with a double exactly, also beyond 2^53. Rounding {@code x} to double keeps order weakly, so
     * a strict difference after rounding is the true one; on a tie {@code s} is an integer-valued double and the two
     * compare as longs (or {@code s = 2^63} exceeds every long).
     */
    private static int compareExact(long x, double s) {
        if (Double.isNaN(s)) {
            return UNORDERED;
        }
        double d = x;
        if (d != s) {
            return d < s ? -1 : 1;
        }
        return s >= 0x1p63 ? -1 : Long.compare(x, (long) s);
    }

    /** {@code t} as a BOOL tensor (non-zero is true): a new reference the caller releases. */
    private CpuTensor asBool(CpuTensor t) {
        return t.dtype() == DType.BOOL ? (CpuTensor) t.retain() : transfers.cast(t, DType.BOOL);
    }

    /**
     * {@code out = cond ? onTrue : onFalse} for items of {@code size} bytes; operands 1 to 3 of the run. Branch-free
     * (a bit blend under an all-ones or all-zeros mask): a branch on a random mask mispredicts half the time.
     */
    private static void select(int size, long[] at, long[] step, int n) {
        long o = at[0];
        long c = at[1];
        long t = at[2];
        long f = at[3];
        long so = step[0];
        long sc = step[1];
        long st = step[2];
        long sf = step[3];
        switch (size) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    int m = ones(NativeMemory.getByte(c + sc * i));
                    int y = NativeMemory.getByte(f + sf * i);
                    NativeMemory.putByte(o + so * i, (byte) (y ^ ((y ^ NativeMemory.getByte(t + st * i)) & m)));
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int m = ones(NativeMemory.getByte(c + sc * i));
                    int y = NativeMemory.getInt(f + sf * i);
                    NativeMemory.putInt(o + so * i, y ^ ((y ^ NativeMemory.getInt(t + st * i)) & m));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    long m = ones(NativeMemory.getByte(c + sc * i));
                    long y = NativeMemory.getLong(f + sf * i);
                    NativeMemory.putLong(o + so * i, y ^ ((y ^ NativeMemory.getLong(t + st * i)) & m));
                }
            }
        }
    }

    /**
     * {@code out = mask ? bits : x} for items of {@code size} bytes; {@code x} and the mask are operands 1 and 2.
     * Branch-free, as {@link #select}.
     */
    private static void fillMasked(int size, long bits, long[] at, long[] step, int n) {
        long o = at[0];
        long x = at[1];
        long mk = at[2];
        long so = step[0];
        long sx = step[1];
        long sm = step[2];
        switch (size) {
            case 1 -> {
                int v = (byte) bits;
                for (int i = 0; i < n; i++) {
                    int y = NativeMemory.getByte(x + sx * i);
                    NativeMemory.putByte(o + so * i, (byte) (y ^ ((y ^ v) & ones(NativeMemory.getByte(mk + sm * i)))));
                }
            }
            case 4 -> {
                int v = (int) bits;
                for (int i = 0; i < n; i++) {
                    int y = NativeMemory.getInt(x + sx * i);
                    NativeMemory.putInt(o + so * i, y ^ ((y ^ v) & ones(NativeMemory.getByte(mk + sm * i))));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    long y = NativeMemory.getLong(x + sx * i);
                    NativeMemory.putLong(o + so * i, y ^ ((y ^ bits) & ones(NativeMemory.getByte(mk + sm * i))));
                }
            }
        }
    }

    /** All ones (-1) for a true (non-zero) bool byte, else 0; widens to a long mask the same way. */
    private static int ones(byte b) {
        return -((b | -b) >>> 31);
    }
}
