package dev.burnj.data;

import dev.burnj.random.Philox;

/**
 * A counter-based random stream for one item in one epoch: draw {@code k} of item {@code index} in epoch
 * {@code epoch} is a word of the Philox 4x32-10 block with key {@code seed} and counter
 * {@code (k / 4, epoch, lo32(index), hi32(index) ^ domain)} — a pure function of {@code (seed, epoch, index, k)}, so
 * it does not matter which thread computes it or in what order. Not thread-safe: each item gets its own instance.
 */
public final class ItemRandom {
    /** Domain tags keep the item streams and the loader's shuffles from ever sharing a counter. */
    static final int ITEMS = 0;
    static final int SHUFFLE = 0x5348_0000;
    static final int SAMPLER = 0x5341_0000;

    private static final double TWO_POW_M32 = 1.0 / 4294967296.0;

    private final int k0;
    private final int k1;
    private final int epoch;
    private final int indexLo;
    private final int indexHi;
    private int block;
    private int[] words;
    private int next = 4;

    ItemRandom(long seed, int epoch, long index, int domain) {
        this.k0 = (int) seed;
        this.k1 = (int) (seed >>> 32);
        this.epoch = epoch;
        this.indexLo = (int) index;
        this.indexHi = (int) (index >>> 32) ^ domain;
    }

    /** The stream of item {@code index} in epoch {@code epoch} under {@code seed}. */
    public static ItemRandom of(long seed, int epoch, long index) {
        return new ItemRandom(seed, epoch, index, ITEMS);
    }

    /** The next 32 random bits. */
    public int nextInt() {
        if (next == 4) {
            words = Philox.block(block++, epoch, indexLo, indexHi, k0, k1);
            next = 0;
        }
        return words[next++];
    }

    /** A uniform double in (0, 1), as {@link Philox} maps words. */
    public double nextDouble() {
        return ((nextInt() & 0xFFFFFFFFL) + 0.5) * TWO_POW_M32;
    }

    /** A uniform int in {@code [0, bound)}, without modulo bias (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("ItemRandom.nextInt: bound must be positive, got " + bound);
        }
        long m = (nextInt() & 0xFFFFFFFFL) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (1L << 32) % bound;
            while (low < threshold) {
                m = (nextInt() & 0xFFFFFFFFL) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** True with probability {@code p}. */
    public boolean nextBoolean(double p) {
        return nextDouble() < p;
    }
}
