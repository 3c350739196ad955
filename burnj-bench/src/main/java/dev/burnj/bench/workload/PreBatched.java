package dev.burnj.bench.workload;

import dev.burnj.data.Dataset;
import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.TensorBatch;
import dev.burnj.tensor.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's batches made once, before any timing starts, and kept on the device: the workloads time the model,
 * not the data pipeline (which {@code DataLoaderBenchmarks} measures on its own). Closing it frees every batch.
 */
final class PreBatched<B extends TensorBatch> implements AutoCloseable {
    private final List<B> batches;

    private PreBatched(List<B> batches) {
        this.batches = List.copyOf(batches);
    }

    /**
     * The batches of one epoch over {@code items}: shuffled with {@code seed} when {@code shuffle}, else in order;
     * the last batch may be short, as with PyTorch's default {@code DataLoader}.
     */
    static <I, B extends TensorBatch> PreBatched<B> of(Dataset<I> items, Batcher<I, B> batcher, int batchSize, boolean shuffle, long seed,
            Device device) {
        DataLoaderConfig config = DataLoaderConfig.of(batchSize).withName("bench");
        List<B> made = new ArrayList<>();
        try (DataLoader<I, B> loader = DataLoader.of(items, batcher, shuffle ? config.withShuffle(seed) : config, device)) {
            for (B batch : loader) {
                made.add(batch);
            }
        } catch (RuntimeException e) {
            made.forEach(TensorBatch::close);
            throw e;
        }
        return new PreBatched<>(made);
    }

    List<B> batches() {
        return batches;
    }

    /** The first {@code n} batches (all of them if there are fewer). */
    List<B> first(int n) {
        return batches.subList(0, Math.min(n, batches.size()));
    }

    @Override
    public void close() {
        batches.forEach(TensorBatch::close);
    }
}
