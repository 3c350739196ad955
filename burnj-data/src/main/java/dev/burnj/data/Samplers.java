package dev.burnj.data;

/**
 * Resampled views of a dataset (Burn's sampler dataset), each a fixed function of its seed: uniform with or without
 * replacement, and weighted (with replacement) for rebalancing classes.
 */
public final class Samplers {
    private Samplers() {}

    /** {@code size} items drawn uniformly with replacement. */
    public static <I> Dataset<I> withReplacement(Dataset<I> source, int size, long seed) {
        requireDrawable(source, size, "withReplacement");
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = new ItemRandom(seed, 0, i, ItemRandom.SAMPLER).nextInt(source.size());
        }
        return new IndexedDataset<>(source, indices, "withReplacement(" + size + ", " + seed + ")");
    }

    /**
     * {@code size} items without replacement: successive seeded permutations of the whole dataset, so every item
     * appears once before any appears twice.
     */
    public static <I> Dataset<I> withoutReplacement(Dataset<I> source, int size, long seed) {
        requireDrawable(source, size, "withoutReplacement");
        int n = source.size();
        int[] indices = new int[size];
        for (int round = 0; round * n < size; round++) {
            int[] perm = Permutations.of(n, seed, round, ItemRandom.SAMPLER);
            System.arraycopy(perm, 0, indices, round * n, Math.min(n, size - round * n));
        }
        return new IndexedDataset<>(source, indices, "withoutReplacement(" + size + ", " + seed + ")");
    }

    /** {@code size} items drawn with replacement, item {@code i} with probability {@code weights[i] / sum(weights)}. */
    public static <I> Dataset<I> weighted(Dataset<I> source, double[] weights, int size, long seed) {
        requireDrawable(source, size, "weighted");
        if (weights.length != source.size()) {
            throw new IllegalArgumentException("Samplers.weighted: need one weight per item (" + source.size() + "), got " + weights.length);
        }
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("Samplers.weighted: weights must be finite and >= 0, weight " + i + " is " + weights[i]);
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("Samplers.weighted: weights sum to 0");
        }
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            double target = new ItemRandom(seed, 0, i, ItemRandom.SAMPLER).nextDouble() * total;
            indices[i] = firstAbove(cumulative, target);
        }
        return new IndexedDataset<>(source, indices, "weighted(" + size + ", " + seed + ")");
    }

    /** The first index whose cumulative weight exceeds {@code target}: always an item of positive weight. */
    private static int firstAbove(double[] cumulative, double target) {
        int lo = 0;
        int hi = cumulative.length - 1;
        // Rounding can put the target at the very top; the last positive-weight item owns that end.
        if (target >= cumulative[hi]) {
            while (hi > 0 && cumulative[hi - 1] == cumulative[hi]) {
                hi--;
            }
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void requireDrawable(Dataset<?> source, int size, String what) {
        if (size < 0) {
            throw new IllegalArgumentException("Samplers." + what + ": size must be >= 0, got " + size);
        }
        if (size > 0 && source.size() == 0) {
            throw new IllegalArgumentException("Samplers." + what + ": cannot draw from an empty dataset");
        }
    }
}
