package dev.burnj.record;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A tensor about to be written: its name, shape and dtype are known up front (they go in the header), while its
 * values are fetched only when their turn comes, so saving a model holds one tensor at a time on the host.
 *
 * @param name the tensor's name in the file
 * @param shape its shape
 * @param source the dtype of the {@link TensorData} that {@code values} supplies (F32, F64, I64, I32 or BOOL)
 * @param stored the dtype written to the file: {@code source}, or another float dtype if {@code source} is float
 * @param values fetches the values; may throw if they cannot be fetched, which aborts the write
 */
record PendingTensor(String name, Shape shape, DType source, DType stored, Supplier<TensorData> values) {
    PendingTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor cannot be named " + SafeTensorsHeader.METADATA_KEY + ", which the format reserves");
        }
        if (source == DType.F16 || source == DType.BF16) {
            throw new IllegalArgumentException("tensor '" + name + "': host data is F32 or F64, not " + source);
        }
        if (stored != source && !(source.isFloat() && stored.isFloat())) {
            throw new IllegalArgumentException("tensor '" + name + "': " + source + " data cannot be stored as " + stored
                    + "; only float tensors change dtype on save");
        }
    }

    /** The number of bytes the tensor takes in the file. */
    long byteLength() {
        return shape.numel() * stored.byteSize();
    }

    /** The values, checked against the declared shape and dtype. */
    TensorData fetch() {
        TensorData data = values.get();
        if (!data.shape().equals(shape) || data.dtype() != source) {
            throw new IllegalStateException("tensor '" + name + "': expected " + source + " " + shape + " data, got " + data.dtype()
                    + " " + data.shape());
        }
        return data;
    }
}
