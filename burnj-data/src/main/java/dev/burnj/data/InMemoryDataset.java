package dev.burnj.data;

import java.util.List;

/** A dataset over a list held in memory. */
final class InMemoryDataset<I> implements Dataset<I> {
    private final List<I> items;

    InMemoryDataset(List<I> items) {
        this.items = List.copyOf(items);
    }

    @Override
    public I get(int index) {
        return items.get(Dataset.checkIndex(index, items.size(), this));
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public String toString() {
        return "Dataset.of(" + items.size() + " items)";
    }
}
