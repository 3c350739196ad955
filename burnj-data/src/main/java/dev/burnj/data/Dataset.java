package dev.burnj.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finite, random-access collection of items: the source side of a data pipeline. Implementations must be safe to
 * read from several threads at once ({@link #get} is called by a data loader's workers), and {@code get(i)} must
 * always return the same item for the same {@code i} — randomness belongs to the loader's augmentations, which draw
 * from {@code (seed, epoch, index)}.
 *
 * <p>The default methods build lazy views: nothing is copied or computed until an item is read.
 *
 * @param <I> the item type
 */
public interface Dataset<I> {
    /** The item at {@code index}, in {@code [0, size())}. */
    I get(int index);

    /** The number of items. */
    int size();

    /** A dataset over a fixed list (copied). */
    static <I> Dataset<I> of(List<I> items) {
        return new InMemoryDataset<>(items);
    }

    /** The datasets one after another. */
    @SafeVarargs
    static <I> Dataset<I> concat(Dataset<? extends I>... parts) {
        // Copied element by element: handing the varargs array itself on is what -Xlint:varargs warns about.
        List<Dataset<? extends I>> list = new ArrayList<>(parts.length);
        for (Dataset<? extends I> part : parts) {
            list.add(part);
        }
        return new ConcatDataset<>(list);
    }

    /** Each item passed through {@code mapper} when it is read. */
    default <O> Dataset<O> map(Mapper<? super I, ? extends O> mapper) {
        return new MappedDataset<>(this, mapper);
    }

    /** The items in one fixed pseudo-random order determined by {@code seed} (for a new order each epoch, let the loader shuffle). */
    default Dataset<I> shuffled(long seed) {
        return new IndexedDataset<>(this, Permutations.of(size(), seed, 0), "shuffled(" + seed + ")");
    }

    /** Items {@code [from, to)} of this dataset. */
    default Dataset<I> range(int from, int to) {
        return new RangeDataset<>(this, from, to);
    }

    /** Items {@code [0, index)} as train and {@code [index, size())} as validation. */
    default Split<I> splitAt(int index) {
        return new Split<>(range(0, index), range(index, size()));
    }

    /** The first {@code round(trainFraction * size())} items as train, the rest as validation. */
    default Split<I> split(double trainFraction) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("Dataset.split: train fraction must be in [0, 1], got " + trainFraction);
        }
        return splitAt((int) Math.round(trainFraction * size()));
    }

    /** The last {@code count} items as validation and the others as train (e.g. the last 5 000 of MNIST's training set). */
    default Split<I> holdOutLast(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("Dataset.holdOutLast: count must be in [0, " + size() + "], got " + count);
        }
        return splitAt(size() - count);
    }

    /** Every run of {@code length} consecutive items, as lists: {@code size() - length + 1} windows (none if too short). */
    default Dataset<List<I>> windows(int length) {
        return new WindowDataset<>(this, length);
    }

    /** The items as a list (reads every item). */
    default List<I> toList() {
        List<I> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Checks {@code index} against {@code size}, naming the dataset in the error. */
    static int checkIndex(int index, int size, Object dataset) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(Objects.toString(dataset) + ": index " + index + " out of range [0, " + size + ")");
        }
        return index;
    }
}
