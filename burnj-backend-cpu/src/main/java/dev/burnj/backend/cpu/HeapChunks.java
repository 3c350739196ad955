package dev.burnj.backend.cpu;

/**
 * Per-thread heap arrays that dense native F32 operands pass through a chunk at a time, so that a kernel's loops run
 * over Java arrays, which C2 vectorises, where loops over native addresses stay scalar. Moving a chunk in or out is
 * one memory copy (an intrinsic in compiled code), and the arrays stay in the L1 cache. A float's bits load into an
 * {@code int[]} as they are, for kernels that select by bit masks ({@link SignMasks}). One set per thread serves every
 * kernel (Adam's five operands, the sign selections, tanh, sampling); none calls another while it holds them.
 */
final class HeapChunks {
    /** Elements per chunk. */
    static final int LENGTH = 1024;

    private static final ThreadLocal<HeapChunks> OF_THREAD = ThreadLocal.withInitial(HeapChunks::new);

    /** Adam's five operands in F32 ({@link AdamKernel}); the first also serves the one-operand kernels. */
    final float[][] floats = new float[5][LENGTH];
    /** Adam's five operands in F64, and random samples before narrowing ({@link Sampling}). */
    final double[][] doubles = new double[5][LENGTH];
    final int[] bits = new int[LENGTH];
    final int[] otherBits = new int[LENGTH];
    final int[] mask = new int[LENGTH];

    private HeapChunks() {}

    /** The calling thread's chunks. */
    static HeapChunks ofThread() {
        return OF_THREAD.get();
    }

    /** Loads {@code n} elements of 4 bytes from {@code address} into {@code into} (a float[] or an int[]). */
    static void load(long address, Object into, int n) {
        NativeMemory.copyToArray(address, into, 4L * n);
    }

    /** Copies the bits of the first {@code n} floats of {@code from} into {@code to}, as {@code floatToRawIntBits}. */
    static void bitsOf(float[] from, int[] to, int n) {
        NativeMemory.copyBetweenArrays(from, to, 4L * n);
    }

    /** Stores the first {@code n} elements of {@code from} (a float[] or an int[]) at {@code address}. */
    static void store(Object from, long address, int n) {
        NativeMemory.copyFromArray(from, address, 4L * n);
    }
}
