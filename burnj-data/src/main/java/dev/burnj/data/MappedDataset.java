package dev.burnj.data;

/** A dataset whose items pass through a {@link Mapper} when read. */
final class MappedDataset<I, O> implements Dataset<O> {
    private final Dataset<I> source;
    private final Mapper<? super I, ? extends O> mapper;

    MappedDataset(Dataset<I> source, Mapper<? super I, ? extends O> mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    @Override
    public O get(int index) {
        return mapper.map(source.get(index));
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public String toString() {
        return source + ".map(...)";
    }
}
