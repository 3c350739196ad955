package dev.burnj.backend.cpu;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.tensor.DType;

/**
 * The fused Adam step of {@link dev.burnj.backend.OptimizerOps#adamStep}: one pass over the elements into fresh
 * tensors, where the composed default takes a dozen ops. It rounds exactly as those ops do: every operation rounds to
 * the dtype in the formula's order, and each scalar is first rounded to the dtype, as the scalar ops take it. Dense
 * operands run as one flat loop split across threads; other layouts run row by row ({@link Rows}).
 */
final class AdamKernel {
    /** Operands: the inputs param, grad, expAvg, expAvgSq, maxExpAvgSq, then the outputs in the same order. */
    private static final int OPERANDS = 9;

    /** Relative cost of an element for {@link Parallel}: nine memory streams and a square root. */
    private static final long COST = 4;

    AdamKernel() {}

    AdamUpdate step(CpuTensor param, CpuTensor grad, CpuTensor expAvg, CpuTensor expAvgSq, CpuTensor maxExpAvgSq, AdamCoefficients c) {
        DType dt = param.dtype();
        if (dt != DType.F32 && dt != DType.F64) {
            throw new IllegalArgumentException("adamStep: expected an F32 or F64 parameter, got " + dt);
        }
        boolean amsgrad = maxExpAvgSq != null;
        CpuTensor[] t = new CpuTensor[OPERANDS];
        t[0] = param;
        t[1] = check("grad", param, grad);
        t[2] = check("expAvg", param, expAvg);
        t[3] = check("expAvgSq", param, expAvgSq);
        t[4] = amsgrad ? check("maxExpAvgSq", param, maxExpAvgSq) : null;
        try {
            for (int k = 5; k < OPERANDS; k++) {
                if (k < OPERANDS - 1 || amsgrad) {
                    t[k] = param.allocateLike(param.shape(), dt);
                }
            }
            run(t, c);
            return new AdamUpdate(t[5], t[6], t[7], t[8]);
        } catch (RuntimeException | Error e) {
            for (int k = 5; k < OPERANDS; k++) {
                if (t[k] != null) {
                    t[k].release();
                }
            }
            throw e;
        }
    }

    private static CpuTensor check(String name, CpuTensor param, CpuTensor other) {
        if (!other.shape().equals(param.shape()) || other.dtype() != param.dtype()) {
            throw new IllegalArgumentException("adamStep: " + name + " is " + other.shape() + " " + other.dtype() + ", expected the parameter's "
                    + param.shape() + " " + param.dtype());
        }
        return other;
    }

    /** Runs the step over all elements: as one flat range when every operand is dense, else row by row. */
    private static void run(CpuTensor[] t, AdamCoefficients c) {
        CpuTensor param = t[0];
        int size = param.itemSize();
        boolean f32 = param.dtype() == DType.F32;
        boolean dense = true;
        for (CpuTensor x : t) {
            dense &= x == null || x.isContiguous();
        }
        if (dense) {
            Parallel.forRange(param.numel(), COST, (from, to) -> {
                long[] at = new long[OPERANDS];
                long[] step = new long[OPERANDS];
                for (int k = 0; k < OPERANDS; k++) {
                    if (t[k] != null) {
                        at[k] = t[k].address() + from * size;
                        step[k] = size;
                    }
                }
                stretch(f32, to - from, at, step, c);
            });
            return;
        }
        long[] bases = new long[OPERANDS];
        long[][] strides = new long[OPERANDS][];
        for (int k = 0; k < OPERANDS; k++) {
            // An absent operand walks nothing: zero strides at offset 0.
            strides[k] = t[k] == null ? new long[param.dims().length] : t[k].strides();
        }
        Rows all = Rows.over(param.dims(), bases, strides);
        Parallel.forRange(all.rows(), all.length() * COST, (r0, r1) -> {
            Rows rows = Rows.over(param.dims(), bases, strides).range(r0, r1);
            long[] at = new long[OPERANDS];
            long[] step = new long[OPERANDS];
            while (rows.next()) {
                for (int k = 0; k < OPERANDS; k++) {
                    if (t[k] != null) {
                        at[k] = t[k].address() + rows.offset(k) * size;
                        step[k] = rows.step(k) * size;
                    }
                }
                stretch(f32, rows.length(), at, step, c);
            }
        });
    }

    /** One run of {@code n} elements, operand {@code k} starting at address {@code at[k]} and moving by {@code step[k]} bytes. */
    private static void stretch(boolean f32, long n, long[] at, long[] step, AdamCoefficients c) {
        if (f32) {
            stretchF32(n, at, step, c);
        } else {
            stretchF64(n, at, step, c);
        }
    }

    // The F32 and F64 loops are one formula twice: Java has no generics over primitives, and a single double loop
    // would need a conversion at every operation to round as the F32 ops do.
    private static void stretchF32(long n, long[] at, long[] step, AdamCoefficients c) {
        float beta1 = (float) c.beta1();
        float keep1 = (float) (1 - c.beta1());
        float beta2 = (float) c.beta2();
        float keep2 = (float) (1 - c.beta2());
        float correction = (float) c.biasCorrection2Sqrt();
        float eps = (float) c.eps();
        float stepSize = (float) c.stepSize();
        long p = at[0];
        long g = at[1];
        long m = at[2];
        long v = at[3];
        long x = at[4];
        long pOut = at[5];
        long mOut = at[6];
        long vOut = at[7];
        long xOut = at[8];
        long ps = step[0];
        long gs = step[1];
        long ms = step[2];
        long vs = step[3];
        long xs = step[4];
        long pos = step[5];
        long mos = step[6];
        long vos = step[7];
        long xos = step[8];
        boolean amsgrad = x != 0; // an absent operand has address 0
        for (long i = 0; i < n; i++) {
            float gi = NativeMemory.getFloat(g);
            float mi = NativeMemory.getFloat(m) * beta1 + gi * keep1;
            float vi = NativeMemory.getFloat(v) * beta2 + (gi * gi) * keep2;
            float d = vi;
            if (amsgrad) {
                d = Math.max(NativeMemory.getFloat(x), vi);
                NativeMemory.putFloat(xOut, d);
                x += xs;
                xOut += xos;
            }
            NativeMemory.putFloat(mOut, mi);
            NativeMemory.putFloat(vOut, vi);
            NativeMemory.putFloat(pOut, NativeMemory.getFloat(p) - mi / ((float) Math.sqrt(d) / correction + eps) * stepSize);
            p += ps;
            g += gs;
            m += ms;
            v += vs;
            pOut += pos;
            mOut += mos;
            vOut += vos;
        }
    }

    private static void stretchF64(long n, long[] at, long[] step, AdamCoefficients c) {
        double beta1 = c.beta1();
        double keep1 = 1 - c.beta1();
        double beta2 = c.beta2();
        double keep2 = 1 - c.beta2();
        double correction = c.biasCorrection2Sqrt();
        double eps = c.eps();
        double stepSize = c.stepSize();
        long p = at[0];
        long g = at[1];
        long m = at[2];
        long v = at[3];
        long x = at[4];
        long pOut = at[5];
        long mOut = at[6];
        long vOut = at[7];
        long xOut = at[8];
        long ps = step[0];
        long gs = step[1];
        long ms = step[2];
        long vs = step[3];
        long xs = step[4];
        long pos = step[5];
        long mos = step[6];
        long vos = step[7];
        long xos = step[8];
        boolean amsgrad = x != 0; // an absent operand has address 0
        for (long i = 0; i < n; i++) {
            double gi = NativeMemory.getDouble(g);
            double mi = NativeMemory.getDouble(m) * beta1 + gi * keep1;
            double vi = NativeMemory.getDouble(v) * beta2 + (gi * gi) * keep2;
            double d = vi;
            if (amsgrad) {
                d = Math.max(NativeMemory.getDouble(x), vi);
                NativeMemory.putDouble(xOut, d);
                x += xs;
                xOut += xos;
            }
            NativeMemory.putDouble(mOut, mi);
            NativeMemory.putDouble(vOut, vi);
            NativeMemory.putDouble(pOut, NativeMemory.getDouble(p) - mi / (Math.sqrt(d) / correction + eps) * stepSize);
            p += ps;
            g += gs;
            m += ms;
            v += vs;
            pOut += pos;
            mOut += mos;
            vOut += vos;
        }
    }
}
