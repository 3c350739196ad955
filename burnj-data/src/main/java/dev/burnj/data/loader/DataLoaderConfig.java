package dev.burnj.data.loader;

/**
 * Configuration of a {@link DataLoader}; round-trips through JSON so that it can be stored with a training run.
 *
 * @param batchSize items per batch
 * @param shuffle whether each epoch visits the items in a new order drawn from {@code (seed, epoch)}
 * @param seed the seed of the epoch shuffles and of every augmentation
 * @param dropLast whether a final batch smaller than {@code batchSize} is dropped
 * @param workers worker threads; 0 loads on the consumer's thread
 * @param prefetch batches in flight per worker (the bound on prefetched memory)
 * @param rank this process's data-parallel rank, in {@code [0, worldSize)}
 * @param worldSize the number of data-parallel ranks; each gets a disjoint, equal share of every epoch
 * @param name the prefix of the worker threads' names
 */
public record DataLoaderConfig(int batchSize, boolean shuffle, long seed, boolean dropLast, int workers, int prefetch, int rank,
        int worldSize, String name) {
    public DataLoaderConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("DataLoader: workers must be >= 0, got " + workers);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("DataLoader: prefetch must be positive, got " + prefetch);
        }
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("DataLoader: need 0 <= rank < worldSize, got rank " + rank + " of " + worldSize);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DataLoader: name must not be blank");
        }
    }

    /** Batches of {@code batchSize} in dataset order, loaded on the consumer's thread. */
    public static DataLoaderConfig of(int batchSize) {
        return new DataLoaderConfig(batchSize, false, 0, false, 0, 2, 0, 1, "data-loader");
    }

    public DataLoaderConfig withBatchSize(int newBatchSize) {
        return new DataLoaderConfig(newBatchSize, shuffle, seed, dropLast, workers, prefetch, rank, worldSize, name);
    }

    /** Reshuffles every epoch from {@code newSeed}. */
    public DataLoaderConfig withShuffle(long newSeed) {
        return new DataLoaderConfig(batchSize, true, newSeed, dropLast, workers, prefetch, rank, worldSize, name);
    }

    /** Keeps dataset order; {@code newSeed} still seeds the augmentations. */
    public DataLoaderConfig withSeed(long newSeed) {
        return new DataLoaderConfig(batchSize, shuffle, newSeed, dropLast, workers, prefetch, rank, worldSize, name);
    }

    public DataLoaderConfig withDropLast(boolean newDropLast) {
        return new DataLoaderConfig(batchSize, shuffle, seed, newDropLast, workers, prefetch, rank, worldSize, name);
    }

    public DataLoaderConfig withWorkers(int newWorkers) {
        return new DataLoaderConfig(batchSize, shuffle, seed, dropLast, newWorkers, prefetch, rank, worldSize, name);
    }

    public DataLoaderConfig withPrefetch(int newPrefetch) {
        return new DataLoaderConfig(batchSize, shuffle, seed, dropLast, workers, newPrefetch, rank, worldSize, name);
    }

    /** This loader serves rank {@code newRank} of {@code newWorldSize} data-parallel ranks. */
    public DataLoaderConfig withShard(int newRank, int newWorldSize) {
        return new DataLoaderConfig(batchSize, shuffle, seed, dropLast, workers, prefetch, newRank, newWorldSize, name);
    }

    public DataLoaderConfig withName(String newName) {
        return new DataLoaderConfig(batchSize, shuffle, seed, dropLast, workers, prefetch, rank, worldSize, newName);
    }

    public String toJson() {
        return LoaderJson.write(this);
    }

    public static DataLoaderConfig fromJson(String json) {
        return LoaderJson.read(json, DataLoaderConfig.class);
    }
}
