package dev.burnj.backend.nd4j;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.backend.RefCountedPrimitive;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The nd4j backend's tensor: an {@link INDArray}, possibly a view, plus the {@link Storage} that owns its native
 * buffer. Releasing the last reference gives up this tensor's share of the storage, so freeing a view never frees
 * memory its base (or another view) still uses.
 */
public final class Nd4jTensor extends RefCountedPrimitive {
    private final INDArray array;
    private final Storage storage;
    private final MemoryCounter tracker;

    Nd4jTensor(INDArray array, Storage storage, Device device, MemoryCounter tracker) {
        super(shapeOf(array), DTypes.fromNd4j(array.dataType()), device);
        this.array = array;
        this.storage = storage;
        this.tracker = tracker;
        tracker.tensorCreated();
    }

    /** The wrapped array; valid only while this tensor is live and never to be mutated. */
    INDArray array() {
        checkLive();
        return array;
    }

    Storage storage() {
        return storage;
    }

    static Shape shapeOf(INDArray array) {
        long[] dims = array.shape();
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Math.toIntExact(dims[i]);
        }
        return Shape.of(out);
    }

    @Override
    protected void free() {
        tracker.tensorFreed();
        storage.release();
    }

    @Override
    public String toString() {
        return "Nd4jTensor" + shape() + " " + dtype();
    }
}
