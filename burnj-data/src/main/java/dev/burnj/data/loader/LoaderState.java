package dev.burnj.data.loader;

/**
 * Where a {@link DataLoader} is: the epoch and the number of its batches already handed out. Because every shuffle
 * and augmentation is a pure function of {@code (seed, epoch, index)}, this plus the seed is the whole random state,
 * and restoring it reproduces the remaining batches bit for bit. The other components identify the loader it came
 * from so that a state is never applied to a loader that would read different batches. Serialises to JSON for
 * training checkpoints.
 *
 * @param epoch the current epoch (0-based)
 * @param position batches of {@code epoch} already handed out
 * @param seed the loader's seed
 * @param shuffle whether the loader shuffles
 * @param datasetSize the size of the dataset the loader reads
 * @param batchSize the batch size
 * @param dropLast whether the last partial batch is dropped
 * @param rank the data-parallel rank
 * @param worldSize the number of data-parallel ranks
 */
public record LoaderState(int epoch, int position, long seed, boolean shuffle, int datasetSize, int batchSize, boolean dropLast,
        int rank, int worldSize) {
    public LoaderState {
        if (epoch < 0 || position < 0) {
            throw new IllegalArgumentException("LoaderState: epoch and position must be >= 0, got epoch " + epoch + ", position " + position);
        }
    }

    public String toJson() {
        return LoaderJson.write(this);
    }

    public static LoaderState fromJson(String json) {
        return LoaderJson.read(json, LoaderState.class);
    }
}
