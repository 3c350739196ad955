package dev.burnj.data;

import java.util.Arrays;
import java.util.List;

/** Several datasets one after another (Burn's composed dataset); index lookup is a binary search over the offsets. */
final class ConcatDataset<I> implements Dataset<I> {
    private final List<Dataset<? extends I>> parts;
    private final int[] offsets;

    ConcatDataset(List<Dataset<? extends I>> parts) {
        this.parts = List.copyOf(parts);
        this.offsets = new int[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            offsets[p + 1] = Math.addExact(offsets[p], parts.get(p).size());
        }
    }

    @Override
    public I get(int index) {
        Dataset.checkIndex(index, size(), this);
        int found = Arrays.binarySearch(offsets, index);
        // An exact hit may land on an empty part; the item is in the last part starting at that offset.
        int part = found >= 0 ? found : -found - 2;
        while (part + 1 < offsets.length - 1 && offsets[part + 1] == index) {
            part++;
        }
        return parts.get(part).get(index - offsets[part]);
    }

    @Override
    public int size() {
        return offsets[offsets.length - 1];
    }

    @Override
    public String toString() {
        return "concat(" + parts.size() + " datasets, " + size() + " items)";
    }
}
