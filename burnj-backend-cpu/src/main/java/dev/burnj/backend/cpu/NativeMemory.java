package dev.burnj.backend.cpu;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Raw access to native memory: the one place that touches {@code sun.misc.Unsafe}. Kernels read and write tensor
 * elements at absolute addresses (a tensor's {@link CpuTensor#address()} plus an element offset times the item size);
 * they compute every index from shapes already checked by the API, so no bounds are checked here.
 *
 * <p>Why native and not Java arrays: oneDNN reads and writes tensors in place, without a copy per call. Plain
 * Java loops over native addresses run at about a third of the speed of array loops (C2 does not vectorise them on
 * Java 17); hot large ops therefore go to oneDNN or split across threads.
 */
final class NativeMemory {
    /** Every block starts on a cache line, which oneDNN's kernels prefer. */
    static final int ALIGNMENT = 64;

    private static final Unsafe U = unsafe();

    private NativeMemory() {}

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("cpu: sun.misc.Unsafe is not accessible: " + e);
        }
    }

    /** Allocates {@code bytes} plus the alignment slack; returns the raw address to pass to {@link #free}. */
    static long allocateRaw(long bytes) {
        return U.allocateMemory(bytes + ALIGNMENT);
    }

    /** The first aligned address of a raw allocation. */
    static long align(long raw) {
        return (raw + ALIGNMENT - 1) & -ALIGNMENT;
    }

    static void free(long raw) {
        U.freeMemory(raw);
    }

    static float getFloat(long address) {
        return U.getFloat(address);
    }

    static void putFloat(long address, float value) {
        U.putFloat(address, value);
    }

    static double getDouble(long address) {
        return U.getDouble(address);
    }

    static void putDouble(long address, double value) {
        U.putDouble(address, value);
    }

    static int getInt(long address) {
        return U.getInt(address);
    }

    static void putInt(long address, int value) {
        U.putInt(address, value);
    }

    static long getLong(long address) {
        return U.getLong(address);
    }

    static void putLong(long address, long value) {
        U.putLong(address, value);
    }

    static byte getByte(long address) {
        return U.getByte(address);
    }

    static void putByte(long address, byte value) {
        U.putByte(address, value);
    }

    static void copy(long from, long to, long bytes) {
        U.copyMemory(from, to, bytes);
    }

    static void setBytes(long address, long bytes, byte value) {
        U.setMemory(address, bytes, value);
    }

    /** Copies {@code bytes} from a Java array (float[], double[], int[], long[], boolean[]) into native memory. */
    static void copyFromArray(Object array, long to, long bytes) {
        U.copyMemory(array, U.arrayBaseOffset(array.getClass()), null, to, bytes);
    }

    /** Copies {@code bytes} from one primitive Java array into another, whatever their element types. */
    static void copyBetweenArrays(Object from, Object to, long bytes) {
        U.copyMemory(from, U.arrayBaseOffset(from.getClass()), to, U.arrayBaseOffset(to.getClass()), bytes);
    }

    /** Copies {@code bytes} from native memory into a Java array of a primitive type. */
    static void copyToArray(long from, Object array, long bytes) {
        U.copyMemory(null, from, array, U.arrayBaseOffset(array.getClass()), bytes);
    }
}
