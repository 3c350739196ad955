package dev.burnj.backend.nd4j;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns ND4J arrays into tensors of one device (tracking their memory) and tensors back into arrays. */
final class Tensors {
    private final Device device;
    private final MemoryCounter tracker;

    Tensors(Device device, MemoryCounter tracker) {
        this.device = device;
        this.tracker = tracker;
    }

    /** A tensor owning {@code fresh}, an array no other tensor references. */
    Nd4jTensor wrap(INDArray fresh) {
        return new Nd4jTensor(fresh, new Storage(fresh, tracker), device, tracker);
    }

    /** A tensor for {@code derived}, computed from {@code base}: it shares base's storage when ND4J returned a view. */
    Nd4jTensor derive(TensorPrimitive base, INDArray derived) {
        Nd4jTensor b = (Nd4jTensor) base;
        if (b.storage().backs(derived)) {
            return new Nd4jTensor(derived, b.storage().share(), device, tracker);
        }
        return wrap(derived);
    }

    /** The array behind a tensor of this backend. */
    static INDArray arr(TensorPrimitive tensor) {
        if (!(tensor instanceof Nd4jTensor t)) {
            throw new IllegalArgumentException("expected a tensor of the nd4j backend, got " + (tensor == null ? "null" : tensor.getClass().getName()
                    + " " + tensor.shape() + " on " + tensor.device()));
        }
        return t.array();
    }

    /** An uninitialised c-order array for an op to write into. */
    static INDArray alloc(DataType type, long[] shape) {
        return ArrayPool.SHARED.take(type, shape);
    }

    static INDArray alloc(DType dtype, Shape shape) {
        return alloc(DTypes.toNd4j(dtype), longs(shape));
    }

    /** {@code a} in row-major order with new dims: a view when its strides allow, else a copy. */
    static INDArray reshaped(INDArray a, long... dims) {
        return ViewCache.SHARED.reshape(a, dims);
    }

    static long[] longs(Shape shape) {
        int[] dims = shape.dims();
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * Closes {@code temp}, an array an op derived from {@code source} (a reshape, broadcast or cast), unless it is
     * {@code source} itself or shares its memory.
     */
    static void closeTemp(INDArray temp, INDArray source) {
        if (temp == source || temp.isEmpty()) {
            return;
        }
        if (!source.isEmpty() && Storage.root(temp.data()) == Storage.root(source.data())) {
            return;
        }
        temp.close();
    }
}
