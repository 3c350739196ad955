package dev.burnj.backend.nd4j;

import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the arrays of freed tensors for later outputs of the same dtype and shape. A training loop allocates the
 * same shapes every step; creating an ND4J array costs about 10 µs and leaves two small native wrappers that only the
 * garbage collector frees, so without reuse native memory grows between collections. The pool is bounded
 * ({@code burnj.nd4j.poolBytes}, default 256 MiB; 0 disables it) and process-wide, like ND4J itself.
 */
final class ArrayPool {
    private static final int MAX_PER_SHAPE = 32;
    static final ArrayPool SHARED = new ArrayPool(Long.getLong("burnj.nd4j.poolBytes", 256L << 20));

    private final long capacity;
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong pooledBytes = new AtomicLong();

    ArrayPool(long capacity) {
        this.capacity = capacity;
    }

    /** A c-order array of {@code type} and {@code shape} with unspecified contents: pooled if one is free, else new. */
    INDArray take(DataType type, long[] shape) {
        Slot slot = slots.get(new Key(type, shape));
        INDArray reused = slot == null ? null : slot.arrays.pollFirst();
        if (reused != null) {
            slot.count.decrementAndGet();
            pooledBytes.addAndGet(-bytes(reused));
            return reused;
        }
        return Nd4j.createUninitialized(type, shape, 'c');
    }

    /**
     * Keeps {@code array}, whose last user is gone, for reuse. Returns false when the pool is full or the array is not
     * a plain c-order array over its whole buffer; the caller then frees it.
     */
    boolean offer(INDArray array) {
        long size = bytes(array);
        if (size == 0 || !isPlain(array) || pooledBytes.get() + size > capacity) {
            return false;
        }
        Slot slot = slots.computeIfAbsent(new Key(array.dataType(), array.shape()), k -> new Slot());
        if (slot.count.incrementAndGet() > MAX_PER_SHAPE) {
            slot.count.decrementAndGet();
            return false;
        }
        pooledBytes.addAndGet(size);
        slot.arrays.addFirst(array);
        return true;
    }

    long pooledBytes() {
        return pooledBytes.get();
    }

    /** Only arrays that are exactly a fresh allocation can serve as one. */
    private static boolean isPlain(INDArray a) {
        return !a.isEmpty() && a.ordering() == 'c' && a.offset() == 0 && a.data().originalDataBuffer() == null
                && a.length() == a.data().length() && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a);
    }

    private static long bytes(INDArray a) {
        return a.isEmpty() ? 0 : a.length() * a.dataType().width();
    }

    private record Key(DataType type, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(shape);
        }
    }

    private static final class Slot {
        final Deque<INDArray> arrays = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }
}
