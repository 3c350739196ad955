package dev.burnj.backend.nd4j;

import dev.burnj.backend.MemoryCounter;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One native buffer shared by a tensor and all its views (reshape, permute, slice results), with its own reference
 * count. ND4J only refuses to close arrays it recognises as views; a full-length reshape or permute shares the buffer
 * without being one, so closing arrays directly could free memory another tensor still reads. Tensors therefore never
 * close their arrays: the last tensor using a buffer releases it here, handing the array to the {@link ArrayPool} for
 * reuse when it can serve as a fresh allocation.
 */
final class Storage {
    private final DataBuffer buffer;
    private final INDArray owner;
    private final long bytes;
    private final MemoryCounter tracker;
    private final AtomicInteger users = new AtomicInteger(1);

    Storage(INDArray owner, MemoryCounter tracker) {
        this.buffer = owner.isEmpty() ? null : root(owner.data());
        this.owner = owner;
        this.bytes = buffer == null ? 0 : buffer.length() * buffer.getElementSize();
        this.tracker = tracker;
        tracker.bufferAllocated(bytes);
    }

    /** The buffer that actually owns the memory behind {@code data} (ND4J wraps it for offset views). */
    static DataBuffer root(DataBuffer data) {
        DataBuffer original = data.originalDataBuffer();
        return original == null ? data : original;
    }

    /** Whether {@code array} reads this storage's memory. */
    boolean backs(INDArray array) {
        return buffer != null && !array.isEmpty() && root(array.data()) == buffer;
    }

    Storage share() {
        users.incrementAndGet();
        return this;
    }

    void release() {
        if (users.decrementAndGet() == 0) {
            tracker.bufferFreed(bytes);
            // Attached (workspace) or constant buffers are not ours to close; ND4J reclaims those itself.
            if (buffer != null && buffer.closeable() && !ArrayPool.SHARED.offer(owner)) {
                buffer.close();
            }
        }
    }
}
