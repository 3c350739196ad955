package dev.burnj.data;

/** A view that reads {@code source.get(indices[i])}: shuffles and samplers. */
final class IndexedDataset<I> implements Dataset<I> {
    private final Dataset<I> source;
    private final int[] indices;
    private final String description;

    IndexedDataset(Dataset<I> source, int[] indices, String description) {
        this.source = source;
        this.indices = indices;
        this.description = description;
    }

    @Override
    public I get(int index) {
        return source.get(indices[Dataset.checkIndex(index, indices.length, this)]);
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public String toString() {
        return source + "." + description;
    }
}
