package dev.burnj.data;

/**
 * Seeded permutations (Fisher–Yates over an {@link ItemRandom} stream): the order of {@link Dataset#shuffled} and of
 * each epoch of a shuffling data loader.
 */
public final class Permutations {
    private Permutations() {}

    /** A permutation of {@code [0, n)} that depends only on {@code (n, seed, epoch)}. */
    public static int[] of(int n, long seed, int epoch) {
        return of(n, seed, epoch, ItemRandom.SHUFFLE);
    }

    static int[] of(int n, long seed, int epoch, int domain) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        ItemRandom random = new ItemRandom(seed, epoch, 0, domain);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
