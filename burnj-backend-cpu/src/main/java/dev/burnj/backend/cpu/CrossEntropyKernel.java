package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;

/**
 * The fused cross-entropy of {@link dev.burnj.backend.ModuleOps#crossEntropy} and its backward for dense F32 logits
 * {@code [n, c]} and integer targets {@code [n]}: one pass over each row where the composition takes a dozen ops. Each
 * value rounds as the composition's ops do on this backend: the row's log-sum-exp as {@link Softmax}'s, then
 * {@code lse - x[y]} in float; backward {@code (exp(x - lse) - onehot) * g}, with {@code exp} as the backend's F32
 * {@code exp}. Other dtypes and layouts take the composition ({@link #applies}).
 */
final class CrossEntropyKernel {
    /** Relative cost of a row element for {@link Parallel}: an exp and a few passes. */
    private static final long COST = 16;

    private CrossEntropyKernel() {}

    /** Whether the fused kernels take {@code logits} and {@code targets} (and {@code grad}, when not null). */
    static boolean applies(CpuTensor logits, CpuTensor targets, CpuTensor grad) {
        return logits.dtype() == DType.F32 && logits.dims().length == 2 && logits.isContiguous() && targets.dims().length == 1
                && targets.dims()[0] == logits.dims()[0] && (targets.dtype() == DType.I64 || targets.dtype() == DType.I32)
                && targets.isContiguous() && (grad == null || grad.dtype() == DType.F32 && grad.dims().length == 1
                        && grad.dims()[0] == logits.dims()[0] && grad.isContiguous());
    }

    /** {@code lse(x_i) - x_i[y_i]} for every row, {@code [n]}. */
    static CpuTensor forward(CpuTensor logits, CpuTensor targets) {
        int n = logits.dims()[0];
        int c = logits.dims()[1];
        long[] classes = classes(targets, c);
        CpuTensor out = logits.allocateLike(Shape.of(n), DType.F32);
        long x = logits.address();
        long o = out.address();
        Parallel.forRange(n, (long) c * COST, (r0, r1) -> {
            for (long r = r0; r < r1; r++) {
                long row = x + r * c * Float.BYTES;
                float lse = (float) Softmax.logSumExp(true, row, Float.BYTES, c, Softmax.shift(true, row, Float.BYTES, c));
                NativeMemory.putFloat(o + r * Float.BYTES, lse - NativeMemory.getFloat(row + classes[(int) r] * Float.BYTES));
            }
        });
        return out;
    }

    /** {@code (exp(x_i - lse_i) - onehot(y_i)) * g_i}, {@code [n, c]}. */
    static CpuTensor backward(CpuTensor logits, CpuTensor targets, CpuTensor grad) {
        int n = logits.dims()[0];
        int c = logits.dims()[1];
        long[] classes = classes(targets, c);
        CpuTensor out = logits.allocateLike(logits.shape(), DType.F32);
        long x = logits.address();
        long g = grad.address();
        long o = out.address();
        Parallel.forRange(n, (long) c * COST, (r0, r1) -> {
            for (long r = r0; r < r1; r++) {
                long row = x + r * c * Float.BYTES;
                long orow = o + r * c * Float.BYTES;
                float lse = (float) Softmax.logSumExp(true, row, Float.BYTES, c, Softmax.shift(true, row, Float.BYTES, c));
                float gi = NativeMemory.getFloat(g + r * Float.BYTES);
                long y = classes[(int) r];
                for (int j = 0; j < c; j++) {
                    float p = (float) ElementwiseMath.expForFloat(NativeMemory.getFloat(row + (long) j * Float.BYTES) - lse);
                    NativeMemory.putFloat(orow + (long) j * Float.BYTES, (p - (j == y ? 1f : 0f)) * gi);
                }
            }
        });
        return out;
    }

    /** The targets as longs, each checked to be a class index. */
    private static long[] classes(CpuTensor targets, int c) {
        int n = targets.dims()[0];
        long[] y = new long[n];
        DType dt = targets.dtype();
        int size = targets.itemSize();
        for (int i = 0; i < n; i++) {
            y[i] = Access.getLong(dt, targets.address() + (long) i * size);
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("cpu crossEntropy: target " + y[i] + " at position " + i + " is out of range for " + c
                        + " classes");
            }
        }
        return y;
    }
}
