package dev.burnj.backend.nd4j;

import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rank-0 arrays for scalar operands, made once per dtype and value. Every new ND4J array costs about 10 µs and leaves
 * a native shape handle behind, and training steps use the same few scalars (learning rate, 0, 1, 1/batch) every
 * step. Bounded: past the bound, a lease holds a fresh scalar that it frees on close.
 */
final class ScalarCache {
    private static final int MAX_ENTRIES = 1024;
    static final ScalarCache SHARED = new ScalarCache();

    private final ConcurrentHashMap<Key, INDArray> scalars = new ConcurrentHashMap<>();

    /** A scalar operand of {@code type} holding {@code value} (truncated toward zero for ints, != 0 for bool). */
    Lease lease(DataType type, double value) {
        Key key = new Key(type, Double.doubleToLongBits(value));
        INDArray cached = scalars.get(key);
        if (cached != null) {
            return new Lease(cached, false);
        }
        INDArray made = make(type, value);
        if (scalars.size() < MAX_ENTRIES && scalars.putIfAbsent(key, made) == null) {
            return new Lease(made, false);
        }
        return new Lease(made, true);
    }

    private static INDArray make(DataType type, double value) {
        if (type == DataType.BOOL) {
            return Nd4j.scalar(value != 0);
        }
        // The long overload keeps large integer values exact; the double one would round them.
        return type.isIntType() ? Nd4j.scalar(type, (long) value) : Nd4j.scalar(type, value);
    }

    /** A borrowed scalar; never mutate it. Closing frees it only when it is not the cached one. */
    record Lease(INDArray array, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                array.close();
            }
        }
    }

    private record Key(DataType type, long bits) {}
}
