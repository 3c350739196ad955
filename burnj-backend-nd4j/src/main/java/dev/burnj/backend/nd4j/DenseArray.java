package dev.burnj.backend.nd4j;

import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor's array in dense row-major form for kernels that need it: the array itself when already dense, else a
 * copy that {@link #close()} frees.
 */
final class DenseArray implements AutoCloseable {
    private final INDArray source;
    private final INDArray array;

    private DenseArray(INDArray source) {
        this.source = source;
        this.array = Views.dense(source);
    }

    /** The dense form of {@code tensor}, or null for a null (absent, e.g. bias) tensor. */
    static DenseArray of(TensorPrimitive tensor) {
        return tensor == null ? null : new DenseArray(Tensors.arr(tensor));
    }

    INDArray get() {
        return array;
    }

    @Override
    public void close() {
        Tensors.closeTemp(array, source);
    }
}
