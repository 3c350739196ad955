package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * Softmax, log-softmax and log-sum-exp along one dimension of a float tensor, one lane at a time (lanes split across
 * threads when large). Each lane is shifted by its maximum before {@code exp}, so large logits neither overflow nor
 * underflow, and log-softmax is {@code (x - max) - log(sum)}, never {@code log(softmax)}. An infinite maximum is not
 * shifted by (as in PyTorch), so a lane of {@code -inf} has log-sum-exp {@code -inf}, not NaN. Sums are in double.
 */
final class Softmax {
    /** Which function of the lane to compute; LOG_SUM_EXP keeps the dim with size 1. */
    enum Kind { SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP }

    /** Roughly what one element costs relative to a copy: a few passes and an {@code exp}. */
    private static final long COST_PER_ELEMENT = 16;

    /** Takes the facade's shared {@link Transfers}; the kernels read their input in place and need no copies. */
    Softmax() {}

    CpuTensor apply(CpuTensor t, int dim, Kind kind) {
        Reductions.requireFloat(t, kind.name().toLowerCase());
        Shape shape = kind == Kind.LOG_SUM_EXP ? t.shape().withDim(dim, 1) : t.shape();
        CpuTensor out = t.allocateLike(shape, t.dtype());
        boolean f32 = t.dtype() == DType.F32;
        int size = t.itemSize();
        int n = t.dims()[dim];
        long a = t.address();
        long oa = out.address();
        long step = t.strides()[dim] * size;
        long outStep = out.strides()[dim] * size;
        ReduceLanes.along(t, out, dim).forEach(n * COST_PER_ELEMENT,
                (x, o) -> lane(f32, kind, a + x * size, step, oa + o * size, outStep, n));
        return out;
    }

    /**
     * The log-sum-exp of one lane in double, before rounding to the dtype ({@code shift} is the lane's maximum, or 0
     * when that is infinite); {@link CrossEntropyKernel} rounds it as the LOG_SUM_EXP op does.
     */
    static double logSumExp(boolean f32, long in, long step, int n, double shift) {
        double sum = 0;
        long p = in;
        for (int i = 0; i < n; i++, p += step) {
            sum += Math.exp(ReduceRuns.get(f32, p) - shift);
        }
        return shift + Math.log(sum);
    }

    /** The shift of a lane: its maximum, or 0 when that is infinite (or the lane is empty). */
    static double shift(boolean f32, long in, long step, int n) {
        double max = n == 0 ? Double.NEGATIVE_INFINITY : ReduceRuns.extreme(f32, true, in, n, step);
        return Double.isInfinite(max) ? 0 : max;
    }

    private static void lane(boolean f32, Kind kind, long in, long step, long out, long outStep, int n) {
        double shift = shift(f32, in, step, n);
        double sum = 0;
        long p = in;
        long q = out;
        if (kind == Kind.SOFTMAX) {
            // Store the exponentials on the way, then scale them: one exp per element.
            for (int i = 0; i < n; i++, p += step, q += outStep) {
                double e = Math.exp(ReduceRuns.get(f32, p) - shift);
                ReduceRuns.put(f32, q, e);
                sum += e;
            }
            double scale = 1 / sum;
            q = out;
            for (int i = 0; i < n; i++, q += outStep) {
                ReduceRuns.put(f32, q, ReduceRuns.get(f32, q) * scale);
            }
            return;
        }
        if (kind == Kind.LOG_SUM_EXP) {
            ReduceRuns.put(f32, out, logSumExp(f32, in, step, n, shift));
            return;
        }
        for (int i = 0; i < n; i++, p += step) {
            sum += Math.exp(ReduceRuns.get(f32, p) - shift);
        }
        double logSum = Math.log(sum);
        p = in;
        for (int i = 0; i < n; i++, p += step, q += outStep) {
            ReduceRuns.put(f32, q, (ReduceRuns.get(f32, p) - shift) - logSum);
        }
    }
}
