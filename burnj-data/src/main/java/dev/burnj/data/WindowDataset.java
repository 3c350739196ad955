package dev.burnj.data;

import java.util.ArrayList;
import java.util.List;

/** Sliding windows of consecutive items. */
final class WindowDataset<I> implements Dataset<List<I>> {
    private final Dataset<I> source;
    private final int length;

    WindowDataset(Dataset<I> source, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("Dataset.windows: length must be positive, got " + length);
        }
        this.source = source;
        this.length = length;
    }

    @Override
    public List<I> get(int index) {
        Dataset.checkIndex(index, size(), this);
        List<I> window = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            window.add(source.get(index + i));
        }
        return List.copyOf(window);
    }

    @Override
    public int size() {
        return Math.max(0, source.size() - length + 1);
    }

    @Override
    public String toString() {
        return source + ".windows(" + length + ")";
    }
}
