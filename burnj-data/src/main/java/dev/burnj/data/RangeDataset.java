package dev.burnj.data;

/** Items {@code [from, to)} of another dataset (Burn's partial dataset). */
final class RangeDataset<I> implements Dataset<I> {
    private final Dataset<I> source;
    private final int from;
    private final int to;

    RangeDataset(Dataset<I> source, int from, int to) {
        if (from < 0 || to < from || to > source.size()) {
            throw new IllegalArgumentException("Dataset.range: need 0 <= from <= to <= " + source.size() + ", got [" + from + ", " + to + ")");
        }
        this.source = source;
        this.from = from;
        this.to = to;
    }

    @Override
    public I get(int index) {
        return source.get(from + Dataset.checkIndex(index, size(), this));
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public String toString() {
        return source + ".range(" + from + ", " + to + ")";
    }
}
