package dev.burnj.backend.cpu;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.backend.RefCountedPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import java.util.Arrays;

/**
 * The cpu backend's tensor: a strided view over a native {@link Block}. Element {@code (i0, ..., in)} lives at
 * {@code address() + (sum of ik * strides[k]) * itemSize}; strides are in elements and may be zero (an expanded
 * dimension) but never negative (flip copies). Reshape, permute, expand and slice return views that share the block.
 */
final class CpuTensor extends RefCountedPrimitive {
    private final Block block;
    private final long offset;
    private final long[] strides;
    private final int[] dims;
    private final boolean contiguous;
    private final MemoryCounter counter;

    /** Wraps {@code block}, taking over one reference to it that the caller holds. */
    private CpuTensor(Shape shape, DType dtype, Device device, MemoryCounter counter, Block block, long offset, long[] strides) {
        super(shape, dtype, device);
        this.block = block;
        this.offset = offset;
        this.strides = strides;
        this.dims = shape.dims();
        this.counter = counter;
        this.contiguous = isRowMajor(dims, strides);
        counter.tensorCreated();
    }

    /** A new contiguous (row-major) tensor with uninitialised values. */
    static CpuTensor allocate(Shape shape, DType dtype, Device device, MemoryCounter counter) {
        Block block = Block.allocate(shape.numel() * dtype.byteSize(), counter);
        return new CpuTensor(shape, dtype, device, counter, block, 0, shape.strides());
    }

    /** A view of this tensor's block with another shape, element offset and strides; it holds its own reference. */
    CpuTensor view(Shape shape, long elementOffset, long[] elementStrides) {
        checkLive();
        block.retain();
        return new CpuTensor(shape, dtype(), device(), counter, block, elementOffset, elementStrides);
    }

    /** A new contiguous tensor on the same device, with uninitialised values. */
    CpuTensor allocateLike(Shape shape, DType dtype) {
        return allocate(shape, dtype, device(), counter);
    }

    /** The address of element 0 of this view. */
    long address() {
        return block.address() + offset * dtype().byteSize();
    }

    /** Offset of element 0 in the block, in elements. */
    long offset() {
        return offset;
    }

    /** Strides in elements, one per dimension; do not modify. */
    long[] strides() {
        return strides;
    }

    /** The dimensions; do not modify. */
    int[] dims() {
        return dims;
    }

    /** Whether the elements lie densely in row-major order from {@link #address()}. */
    boolean isContiguous() {
        return contiguous;
    }

    /** Whether nothing but this one reference reads this tensor's memory: no other reference, no view of its block. */
    boolean uniquelyOwned() {
        return references() == 1 && block.unshared();
    }

    /** Whether {@code other} lives in the same memory block (a view of this tensor, or this tensor a view of it). */
    boolean sharesBlock(CpuTensor other) {
        return block == other.block;
    }

    long numel() {
        return shape().numel();
    }

    int itemSize() {
        return dtype().byteSize();
    }

    MemoryCounter counter() {
        return counter;
    }

    @Override
    protected void free() {
        counter.tensorFreed();
        block.release();
    }

    /** Dimensions of size 1 may have any stride: they are never stepped over. */
    static boolean isRowMajor(int[] dims, long[] strides) {
        long expected = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] == 0) {
                return true;
            }
            if (dims[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= dims[d];
        }
        return true;
    }

    @Override
    public String toString() {
        return "CpuTensor" + shape() + " " + dtype() + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
