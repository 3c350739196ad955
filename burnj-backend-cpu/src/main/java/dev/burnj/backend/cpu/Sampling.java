package dev.burnj.backend.cpu;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.MemoryCounter;
import dev.burnj.random.Philox;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;

/**
 * Random tensors: {@link Philox}'s stream written straight into native memory, chunk by chunk and split across the
 * cores. Each element depends only on its stream position, so the values equal {@code Philox.samples} whatever the
 * split. The SPI's default builds a {@code double[]} of the whole tensor, converts it and uploads it: four passes where
 * this takes one (dropout draws a mask every step).
 */
final class Sampling {
    /** Philox 4x32-10 costs about 15 ns an element: worth splitting from a few thousand elements. */
    private static final long COST = 32;

    private final MemoryCounter counter;

    Sampling(MemoryCounter counter) {
        this.counter = counter;
    }

    CpuTensor sample(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        CpuDTypes.check(dtype);
        CpuTensor out = CpuTensor.allocate(shape, dtype, device, counter);
        long address = out.address();
        int size = out.itemSize();
        Parallel.forRange(out.numel(), COST, (from, to) -> {
            // The thread's chunks, reused across calls: dropout draws a mask every step.
            HeapChunks chunks = HeapChunks.ofThread();
            double[] chunk = chunks.doubles[0];
            for (long start = from; start < to; start += HeapChunks.LENGTH) {
                int n = (int) Math.min(HeapChunks.LENGTH, to - start);
                Philox.fill(distribution, seed, offset + start, chunk, 0, n);
                store(dtype, chunk, chunks.floats[0], n, address + start * size);
            }
        });
        return out;
    }

    private static void store(DType dtype, double[] values, float[] floats, int n, long address) {
        if (dtype == DType.F32) {
            // Narrowed in a heap chunk and copied out at once: the loop over arrays vectorises, one over native
            // addresses does not.
            for (int i = 0; i < n; i++) {
                floats[i] = (float) values[i];
            }
            HeapChunks.store(floats, address, n);
        } else {
            int size = dtype.byteSize();
            for (int i = 0; i < n; i++) {
                Access.putDouble(dtype, address + (long) i * size, values[i]);
            }
        }
    }
}
