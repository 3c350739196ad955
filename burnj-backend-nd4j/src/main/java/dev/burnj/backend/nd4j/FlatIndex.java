package dev.burnj.backend.nd4j;

import dev.burnj.tensor.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major flat positions into a tensor, for kernels that address elements of a flattened array (gather, scatter).
 * Built natively by broadcast-adding one small offset vector per dimension, never by looping over elements in Java.
 */
final class FlatIndex {
    private FlatIndex() {}

    /**
     * PyTorch-style gather/scatter positions: element {@code p} of {@code indices} selects, along {@code dim}, the
     * element of {@code input} at {@code p}'s coordinates with coordinate {@code dim} replaced by the index. LONG,
     * shaped like {@code indices}.
     */
    static INDArray along(Shape input, int dim, INDArray indices) {
        long[] strides = input.strides();
        long[] idxShape = indices.shape();
        INDArray positions = Tensors.alloc(DataType.LONG, idxShape);
        INDArray idx = indices.dataType() == DataType.LONG ? indices : indices.castTo(DataType.LONG);
        INDArray stride = Nd4j.scalar(DataType.LONG, strides[dim]);
        Kernel.custom("multiply").in(idx, stride).out(positions).exec();
        stride.close();
        if (idx != indices) {
            idx.close();
        }
        for (int d = 0; d < idxShape.length; d++) {
            if (d != dim) {
                addAxis(positions, d, 0, 1, strides[d]);
            }
        }
        return positions;
    }

    /** Positions of the elements {@code start[d] + i * step[d]}, {@code i < length[d]}, of {@code shape}; LONG, shaped {@code length}. */
    static INDArray window(Shape shape, long[] start, long[] length, long[] step) {
        long[] strides = shape.strides();
        INDArray positions = Nd4j.zeros(DataType.LONG, length);
        for (int d = 0; d < length.length; d++) {
            addAxis(positions, d, start[d], step[d], strides[d]);
        }
        return positions;
    }

    /** Adds {@code (first + i * step) * stride} to every position whose coordinate along {@code dim} is {@code i}. */
    private static void addAxis(INDArray positions, int dim, long first, long step, long stride) {
        long[] shape = positions.shape();
        long[] offsets = new long[(int) shape[dim]];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (first + i * step) * stride;
        }
        long[] vecShape = Views.ones(shape.length);
        vecShape[dim] = shape[dim];
        INDArray vec = Nd4j.create(offsets, vecShape, DataType.LONG);
        Kernel.custom("add").in(positions, vec).out(positions).exec();
        vec.close();
    }
}
