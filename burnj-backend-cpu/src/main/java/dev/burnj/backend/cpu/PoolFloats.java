package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import java.util.Arrays;

/**
 * Element access for the pooling and interpolation kernels, whose tensors are F32 or F64: a test of one flag that
 * stays the same through a loop (so the JIT hoists it), where {@link Access} dispatches over every dtype per element.
 */
final class PoolFloats {
    /** Each thread's plane of double sums for the backward kernels; it grows to the largest plane seen. */
    private static final ThreadLocal<double[][]> SUMS = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private PoolFloats() {}

    /**
     * The calling thread's array of at least {@code n} doubles, the first {@code n} zero: a gradient plane is summed
     * in double and rounded once ({@link #putAll}), as the reference does, not rounded at every addition.
     */
    static double[] sums(int n) {
        double[][] holder = SUMS.get();
        if (holder[0].length < n) {
            holder[0] = new double[n];
        } else {
            Arrays.fill(holder[0], 0, n, 0.0);
        }
        return holder[0];
    }

    /** Writes {@code values[0, n)} rounded to the dtype at {@code address}. */
    static void putAll(boolean f64, long address, double[] values, int n) {
        if (f64) {
            NativeMemory.copyFromArray(values, address, (long) n * 8);
            return;
        }
        for (int i = 0; i < n; i++) {
            NativeMemory.putFloat(address + ((long) i << 2), (float) values[i]);
        }
    }

    /** Whether {@code dtype} is F64, the flag the other methods take; anything else but F32 is rejected. */
    static boolean isDouble(DType dtype) {
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("cpu: expected an F32 or F64 tensor, got " + dtype);
        }
        return dtype == DType.F64;
    }

    static double get(boolean f64, long address) {
        return f64 ? NativeMemory.getDouble(address) : NativeMemory.getFloat(address);
    }

    static void put(boolean f64, long address, double value) {
        if (f64) {
            NativeMemory.putDouble(address, value);
        } else {
            NativeMemory.putFloat(address, (float) value);
        }
    }
}
