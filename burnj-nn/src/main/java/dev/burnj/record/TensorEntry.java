package dev.burnj.record;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Objects;

/**
 * One tensor as a safetensors header declares it: its name, the dtype it is stored in, its shape and its byte range
 * {@code [begin, end)} relative to the start of the data section.
 *
 * @param name the tensor's name in the file
 * @param dtype the stored element type (F16 and BF16 are read back as F32)
 * @param shape the tensor's shape
 * @param begin the first byte of its data, relative to the data section
 * @param end one past its last byte
 */
public record TensorEntry(String name, DType dtype, Shape shape, long begin, long end) {
    public TensorEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("tensor '" + name + "': invalid byte range [" + begin + ", " + end + ")");
        }
    }

    /** The number of bytes of data. */
    public long byteLength() {
        return end - begin;
    }
}
