package dev.burnj.backend.nd4j;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes reshape and permute views from remembered shape descriptors. ND4J 1.0.0-M2.1 leaks a native shape-buffer
 * handle (about 0.2 KiB that not even the GC returns) every time it builds a view, and a training step builds the same
 * few views over and over; so the first view of each layout is made by ND4J and its (constant, shared) shape
 * descriptor is kept, and later views of that layout wrap the base's buffer with it directly. Bounded; past the
 * bound views are made the ordinary way.
 */
final class ViewCache {
    private static final int MAX_ENTRIES = 4096;
    static final ViewCache SHARED = new ViewCache();

    private final ConcurrentHashMap<Key, DataBuffer> descriptors = new ConcurrentHashMap<>();

    /** {@code a} in row-major order with new dims: a view when the strides allow, else ND4J's copy. */
    INDArray reshape(INDArray a, long[] dims) {
        // Spelled out because reshape('c', n) would silently bind 'c' as a dimension of the long... overload.
        return view(new Key('r', a, dims), a, () -> a.reshape('c', dims));
    }

    /** {@code a} with its dimensions reordered: always a view. */
    INDArray permute(INDArray a, int[] axes) {
        return view(new Key('p', a, Arrays.stream(axes).asLongStream().toArray()), a, () -> a.permute(axes));
    }

    private INDArray view(Key key, INDArray a, Supplier<INDArray> make) {
        DataBuffer descriptor = descriptors.get(key);
        if (descriptor != null) {
            return Nd4j.createArrayFromShapeBuffer(a.data(), descriptor);
        }
        INDArray made = make.get();
        // Only a view of the same memory at the same offset, with a shared constant descriptor, can be replayed over the
        // base's buffer (ND4J wraps a reshaped view's buffer anew, so compare the memory, not the wrapper).
        boolean sameMemory = Storage.root(made.data()) == Storage.root(a.data()) && made.offset() == a.offset();
        if (sameMemory && made.shapeInfoDataBuffer().isConstant() && descriptors.size() < MAX_ENTRIES) {
            descriptors.putIfAbsent(key, made.shapeInfoDataBuffer());
        }
        return made;
    }

    /** Everything that decides a view's descriptor: the base's layout and the op with its arguments. */
    private record Key(char op, DataType type, long[] shape, long[] stride, char order, long ews, long[] args) {
        Key(char op, INDArray a, long[] args) {
            this(op, a.dataType(), a.shape(), a.stride(), a.ordering(), a.elementWiseStride(), args);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.op == op && k.type == type && k.order == order && k.ews == ews && Arrays.equals(k.shape, shape)
                    && Arrays.equals(k.stride, stride) && Arrays.equals(k.args, args);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(shape) * 31 + Arrays.hashCode(stride)) * 31 + Arrays.hashCode(args)) * 31 + op + type.hashCode();
        }
    }
}
