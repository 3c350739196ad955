package dev.burnj.random;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random stream: a Philox key plus a position that advances by the number of values drawn.
 * {@link #global()} is the process-wide default, seeded with {@link #seed(long)} (as
 * {@code torch.manual_seed} does); independent streams come from {@link #of(long)}. Thread-safe.
 */
public final class Generator {
    private static final Generator GLOBAL = new Generator(0x5EEDL);

    private volatile long seed;
    private final AtomicLong position = new AtomicLong();

    private Generator(long seed) {
        this.seed = seed;
    }

    /** A new stream with the given seed, starting at position 0. */
    public static Generator of(long seed) {
        return new Generator(seed);
    }

    /** The process-wide generator used when no generator is given. */
    public static Generator global() {
        return GLOBAL;
    }

    /** Reseeds the global generator and rewinds it. */
    public static void seed(long seed) {
        GLOBAL.reseed(seed);
    }

    /** Reseeds this generator and rewinds it to position 0. */
    public synchronized void reseed(long newSeed) {
        seed = newSeed;
        position.set(0);
    }

    public long seed() {
        return seed;
    }

    /** The position the next draw starts at. */
    public long position() {
        return position.get();
    }

    /** Moves the stream to {@code newPosition} (used to restore a saved state). */
    public void position(long newPosition) {
        position.set(newPosition);
    }

    /** Reserves {@code count} positions and returns the first one. */
    public long reserve(long count) {
        return position.getAndAdd(count);
    }
}
