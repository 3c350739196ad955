package dev.burnj.backend;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * Ops that work the same on every kind (float, int, bool): data transfer, casts, layout, indexing,
 * comparison and selection.
 *
 * <p>Contract for every op of the SPI: the tensor API has already checked ranks, shapes, dtypes and devices
 * and normalised dimensions (no negative dims, resolved {@link Slice}s), so backends may assume valid
 * input. Inputs are borrowed; the result is a new reference owned by the caller. Binary ops take inputs of
 * equal rank and broadcast size-1 dimensions (NumPy rules).
 */
public interface TensorOps {
    /** Copies host data to {@code device}. */
    TensorPrimitive fromData(TensorData data, Device device);

    /** Copies a tensor's values to the host (waits for pending work). */
    TensorData toData(TensorPrimitive tensor);

    /** A tensor filled with {@code value}. */
    default TensorPrimitive full(Shape shape, double value, DType dtype, Device device) {
        return fromData(TensorData.filled(value, shape, dtype), device);
    }

    /**
     * Converts to another dtype: float to int truncates toward zero, non-zero to bool is true, bool to
     * numeric is 0/1.
     */
    TensorPrimitive cast(TensorPrimitive tensor, DType dtype);

    /** Same values, new shape with the same element count (row-major order). */
    TensorPrimitive reshape(TensorPrimitive tensor, Shape shape);

    /** Reorders dimensions: result dim {@code i} is input dim {@code axes[i]}. */
    TensorPrimitive permute(TensorPrimitive tensor, int[] axes);

    /** Broadcasts size-1 dimensions to {@code shape} (same rank). */
    TensorPrimitive expand(TensorPrimitive tensor, Shape shape);

    /** The sub-tensor selected by one resolved {@link Slice} per dimension. */
    TensorPrimitive slice(TensorPrimitive tensor, Slice[] slices);

    /** A copy of {@code tensor} with the region selected by {@code slices} replaced by {@code values}. */
    TensorPrimitive sliceAssign(TensorPrimitive tensor, Slice[] slices, TensorPrimitive values);

    /** Concatenates along {@code dim}; all other sizes are equal. */
    TensorPrimitive cat(List<TensorPrimitive> tensors, int dim);

    /** Reverses the order of elements along each of {@code dims}. */
    TensorPrimitive flip(TensorPrimitive tensor, int[] dims);

    /** Tiles the tensor {@code times} times along {@code dim}. */
    default TensorPrimitive repeat(TensorPrimitive tensor, int dim, int times) {
        List<TensorPrimitive> parts = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            parts.add(tensor);
        }
        return cat(parts, dim);
    }

    /**
     * {@code out[i][j][k] = tensor[i][index[i][j][k]][k]} for {@code dim = 1}, and so on: {@code indices} is an
     * int tensor of the input's rank whose sizes may differ only along {@code dim}.
     */
    TensorPrimitive gather(TensorPrimitive tensor, int dim, TensorPrimitive indices);

    /**
     * A copy of {@code tensor} where, for every position of {@code indices}/{@code values} (same shape),
     * the element selected along {@code dim} is replaced by ({@code add == false}) or incremented by
     * ({@code add == true}) the value. With duplicate indices and {@code add == false} the last write wins.
     */
    TensorPrimitive scatter(TensorPrimitive tensor, int dim, TensorPrimitive indices, TensorPrimitive values, boolean add);

    /** Selects whole slices along {@code dim} by a rank-1 int tensor of indices (repeats allowed). */
    TensorPrimitive indexSelect(TensorPrimitive tensor, int dim, TensorPrimitive indices);

    /** Elementwise comparison with broadcasting; BOOL result. */
    TensorPrimitive compare(TensorPrimitive lhs, TensorPrimitive rhs, Comparison op);

    /** Elementwise comparison with a scalar; BOOL result. */
    TensorPrimitive compareScalar(TensorPrimitive lhs, double rhs, Comparison op);

    /** {@code condition ? onTrue : onFalse}, broadcasting all three. */
    TensorPrimitive where(TensorPrimitive condition, TensorPrimitive onTrue, TensorPrimitive onFalse);

    /** {@code tensor} with {@code value} wherever {@code mask} (broadcast to its shape) is true. */
    TensorPrimitive maskFill(TensorPrimitive tensor, TensorPrimitive mask, double value);

    /**
     * Pads each dimension by {@code padding[2*d]} before and {@code padding[2*d + 1]} after. Reflect needs
     * padding smaller than the dimension.
     */
    default TensorPrimitive pad(TensorPrimitive tensor, int[] padding, PadMode mode, double value) {
        TensorPrimitive current = tensor.retain();
        int rank = tensor.shape().rank();
        for (int d = 0; d < rank; d++) {
            int before = padding[2 * d];
            int after = padding[2 * d + 1];
            if (before == 0 && after == 0) {
                continue;
            }
            TensorPrimitive next = PadComposition.padDim(this, current, d, before, after, mode, value);
            current.release();
            current = next;
        }
        return current;
    }

    /** Moves a tensor to another device of this backend, or copies it through the host. */
    default TensorPrimitive toDevice(TensorPrimitive tensor, Device device) {
        return fromData(toData(tensor), device);
    }
}
