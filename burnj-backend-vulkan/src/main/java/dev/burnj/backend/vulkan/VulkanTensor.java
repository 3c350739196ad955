package dev.burnj.backend.vulkan;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.backend.RefCountedPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;

/**
 * The Vulkan backend's tensor: a strided view (element offset and per-dimension strides, possibly zero or negative)
 * of a {@link Storage}. Layout ops return views that share the storage; kernels read any view directly, so
 * permuted, sliced or broadcast inputs are never copied just to be read.
 */
final class VulkanTensor extends RefCountedPrimitive {
    final Storage storage;
    final int offset;
    private final int[] strides;
    private final MemoryCounter tracker;

    VulkanTensor(Shape shape, DType dtype, Device device, Storage storage, int offset, int[] strides, MemoryCounter tracker) {
        super(shape, dtype, device);
        this.storage = storage;
        this.offset = offset;
        this.strides = strides;
        this.tracker = tracker;
        tracker.tensorCreated();
    }

    /** Strides in elements, one per dimension. */
    int[] strides() {
        checkLive();
        return strides.clone();
    }

    int stride(int dim) {
        return strides[dim];
    }

    Gpu gpu() {
        return storage.gpu;
    }

    /** Whether the elements are stored row-major without gaps from {@link #offset}. */
    boolean isContiguous() {
        int[] dims = shape().dims();
        long expected = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= dims[d];
        }
        return true;
    }

    static int[] contiguousStrides(int[] dims) {
        int[] s = new int[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = (int) acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    @Override
    protected void free() {
        tracker.tensorFreed();
        storage.release();
    }

    @Override
    public String toString() {
        return "VulkanTensor" + shape() + " " + dtype();
    }
}
