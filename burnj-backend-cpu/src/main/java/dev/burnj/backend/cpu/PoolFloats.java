package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * Element access for the pooling and interpolation kernels, whose tensors are F32 or F64: a test of one flag that
 * stays the same through a loop (so the JIT hoists it), where {@link Access} dispatches over every dtype per element.
 */
final class PoolFloats {
    private PoolFloats() {}

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
