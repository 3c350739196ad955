package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;

/**
 * Reads and writes one element of any supported dtype, converting as {@code TensorData} does: to an integer by
 * truncation toward zero, to bool by {@code != 0}. The slow, general path of the kernels (any dtype, any layout);
 * hot paths read their dtype directly through {@link NativeMemory}. Integers travel as {@code long}, so I64 values
 * beyond 2^53 survive.
 */
final class Access {
    private Access() {}

    static double getDouble(DType dtype, long address) {
        return switch (dtype) {
            case F32 -> NativeMemory.getFloat(address);
            case F64 -> NativeMemory.getDouble(address);
            case I32 -> NativeMemory.getInt(address);
            case I64 -> NativeMemory.getLong(address);
            case BOOL -> NativeMemory.getByte(address);
            default -> throw CpuDTypes.unsupported(dtype);
        };
    }

    static long getLong(DType dtype, long address) {
        return switch (dtype) {
            case F32 -> (long) NativeMemory.getFloat(address);
            case F64 -> (long) NativeMemory.getDouble(address);
            case I32 -> NativeMemory.getInt(address);
            case I64 -> NativeMemory.getLong(address);
            case BOOL -> NativeMemory.getByte(address);
            default -> throw CpuDTypes.unsupported(dtype);
        };
    }

    static void putDouble(DType dtype, long address, double value) {
        switch (dtype) {
            case F32 -> NativeMemory.putFloat(address, (float) value);
            case F64 -> NativeMemory.putDouble(address, value);
            case I32 -> NativeMemory.putInt(address, (int) value);
            case I64 -> NativeMemory.putLong(address, (long) value);
            case BOOL -> NativeMemory.putByte(address, value != 0.0 ? (byte) 1 : (byte) 0);
            default -> throw CpuDTypes.unsupported(dtype);
        }
    }

    static void putLong(DType dtype, long address, long value) {
        switch (dtype) {
            case F32 -> NativeMemory.putFloat(address, (float) value);
            case F64 -> NativeMemory.putDouble(address, (double) value);
            case I32 -> NativeMemory.putInt(address, (int) value);
            case I64 -> NativeMemory.putLong(address, value);
            case BOOL -> NativeMemory.putByte(address, value != 0 ? (byte) 1 : (byte) 0);
            default -> throw CpuDTypes.unsupported(dtype);
        }
    }

    /** Copies one element of {@code itemSize} bytes (1, 4 or 8) without interpreting it. */
    static void copyItem(int itemSize, long from, long to) {
        switch (itemSize) {
            case 1 -> NativeMemory.putByte(to, NativeMemory.getByte(from));
            case 4 -> NativeMemory.putInt(to, NativeMemory.getInt(from));
            case 8 -> NativeMemory.putLong(to, NativeMemory.getLong(from));
            default -> NativeMemory.copy(from, to, itemSize);
        }
    }
}
