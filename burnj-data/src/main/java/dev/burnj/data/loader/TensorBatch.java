package dev.burnj.data.loader;

import dev.burnj.tensor.BaseTensor;
import java.util.List;

/**
 * A batch of tensors made by a {@link Batcher}. The data loader uses {@link #tensors()} to hand a batch made on a
 * worker thread to the consumer's {@code TensorScope}, and to free batches that were prefetched but never consumed.
 */
public interface TensorBatch extends AutoCloseable {
    /** Every tensor this batch holds. */
    List<BaseTensor<?, ?, ?, ?>> tensors();

    /** Frees every tensor of the batch. */
    @Override
    default void close() {
        for (BaseTensor<?, ?, ?, ?> tensor : tensors()) {
            tensor.close();
        }
    }
}
