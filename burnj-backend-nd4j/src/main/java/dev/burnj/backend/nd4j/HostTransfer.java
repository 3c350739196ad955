package dev.burnj.backend.nd4j;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between host {@link TensorData} and native arrays. */
final class HostTransfer {
    private HostTransfer() {}

    static INDArray fromData(TensorData data) {
        DType dtype = data.dtype();
        DataType type = DTypes.toNd4j(dtype);
        long[] shape = Tensors.longs(data.shape());
        if (data.size() == 0) {
            return Nd4j.create(type, shape);
        }
        Object values = data.unsafeArray();
        return switch (dtype) {
            case F32 -> Nd4j.create((float[]) values, shape, type);
            case F64 -> Nd4j.create((double[]) values, shape, type);
            case I64 -> Nd4j.create((long[]) values, shape, type);
            case I32 -> Nd4j.create((int[]) values, shape, type);
            case BOOL -> Nd4j.create((boolean[]) values, shape, type);
            default -> throw new IllegalArgumentException("the nd4j backend does not support dtype " + dtype);
        };
    }

    static INDArray full(Shape shape, double value, DType dtype) {
        DataType type = DTypes.toNd4j(dtype);
        long[] dims = Tensors.longs(shape);
        if (shape.numel() == 0) {
            return Nd4j.create(type, dims);
        }
        // A pooled array filled by broadcasting a cached scalar: no new ND4J array in a training loop's steady state.
        INDArray out = Tensors.alloc(type, dims);
        try (ScalarCache.Lease scalar = ScalarCache.SHARED.lease(type, value)) {
            return Kernel.custom("assign").in(out, scalar.array()).out(out).exec1();
        }
    }

    /** A row-major host copy, whatever the array's ordering, strides or offset. */
    static TensorData toData(INDArray array, DType dtype) {
        Shape shape = Nd4jTensor.shapeOf(array);
        if (array.isEmpty() || array.length() == 0) {
            return TensorData.filled(0, shape, dtype);
        }
        boolean dense = isDenseRowMajor(array);
        INDArray source = dense ? array : array.dup('c');
        try {
            DataBuffer buffer = source.data();
            return switch (dtype) {
                case F32 -> TensorData.of(buffer.asFloat(), shape);
                case F64 -> TensorData.of(buffer.asDouble(), shape);
                case I64 -> TensorData.of(buffer.asLong(), shape);
                case I32 -> TensorData.of(buffer.asInt(), shape);
                case BOOL -> TensorData.of(toBooleans(buffer.asBytes()), shape);
                default -> throw new IllegalArgumentException("the nd4j backend does not support dtype " + dtype);
            };
        } finally {
            if (!dense) {
                source.close();
            }
        }
    }

    /** True when the array's buffer holds exactly its elements in row-major order, so it can be read directly. */
    private static boolean isDenseRowMajor(INDArray array) {
        return array.offset() == 0 && array.data().length() == array.length() && array.ordering() == 'c'
                && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(array);
    }

    private static boolean[] toBooleans(byte[] bytes) {
        boolean[] out = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] != 0;
        }
        return out;
    }
}
