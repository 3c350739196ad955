package dev.burnj.data.loader;

import dev.burnj.tensor.Device;
import java.util.List;

/**
 * Turns a list of items into one batch of tensors on a device (Burn's batcher). Called from the data loader's worker
 * threads, so it must be thread-safe; it should create only the tensors it returns (or free its temporaries with a
 * {@code TensorScope}, keeping the outputs), because no scope is open on a worker thread.
 *
 * @param <I> the item type
 * @param <B> the batch type
 */
@FunctionalInterface
public interface Batcher<I, B extends TensorBatch> {
    B batch(List<I> items, Device device);
}
