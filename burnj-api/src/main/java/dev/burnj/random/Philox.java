package dev.burnj.random;

import dev.burnj.backend.Distribution;

/**
 * The counter-based generator behind every random tensor: Philox 4x32-10 (Salmon et al., "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11). Because element {@code p} of a stream depends only on
 * {@code (seed, p)}, every backend — on any device, with any threading — can produce the same values.
 *
 * <p>The sampling spec every backend implements: element {@code p} (stream position) takes the block
 * {@code x = philox(key = seed, counter = (lo32(p), hi32(p), 0, 0))} and
 * <ul>
 *   <li>{@code u(k) = (x[k] + 0.5) / 2^32}, a double in the open interval (0, 1);
 *   <li>uniform on [low, high): {@code low + (high - low) * u(0)};
 *   <li>normal: {@code mean + std * sqrt(-2 ln u(0)) * cos(2 pi u(1))} (Box–Muller);
 *   <li>bernoulli(p): {@code u(0) < p ? 1 : 0}.
 * </ul>
 * Values are computed in double precision and then rounded to the tensor's dtype.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TWO_POW_M32 = 1.0 / 4294967296.0;

    private Philox() {}

    /** The raw Philox 4x32-10 block for a 128-bit counter and a 64-bit key; returns 4 words. */
    public static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        block(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    /** {@link #block(int, int, int, int, int, int)} into {@code out}, so that a loop over positions allocates nothing. */
    private static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** Uniform samples {@code u(0), u(1)} in (0, 1) for stream position {@code position} under {@code seed}. */
    static double[] uniformPair(long seed, long position) {
        int[] x = block((int) position, (int) (position >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
        return new double[] {toUnit(x[0]), toUnit(x[1])};
    }

    /** The value of element {@code position} of the stream {@code seed} under {@code dist}. */
    public static double sample(Distribution dist, long seed, long position) {
        return samples(dist, seed, position, 1)[0];
    }

    /** {@code count} consecutive samples starting at stream position {@code offset}. */
    public static double[] samples(Distribution dist, long seed, long offset, int count) {
        double[] out = new double[count];
        fill(dist, seed, offset, out, 0, count);
        return out;
    }

    /**
     * {@code count} consecutive samples starting at stream position {@code offset}, written to {@code out[from]} onwards.
     * Allocates nothing (after a thread's first call), so that a backend can fill a tensor chunk by chunk, each chunk on
     * any thread.
     */
    public static void fill(Distribution dist, long seed, long offset, double[] out, int from, int count) {
        Lanes lanes = LANES.get();
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        for (int done = 0; done < count; done += Lanes.WIDTH) {
            int n = Math.min(Lanes.WIDTH, count - done);
            lanes.blocks(offset + done, n, k0, k1);
            values(dist, lanes.x0, lanes.x1, n, out, from + done);
        }
    }

    /** {@link #value} for {@code n} blocks at once, the distribution tested once rather than per element. */
    private static void values(Distribution dist, int[] x0, int[] x1, int n, double[] out, int at) {
        if (dist instanceof Distribution.Uniform u) {
            double low = u.low();
            double span = u.high() - u.low();
            for (int i = 0; i < n; i++) {
                out[at + i] = low + span * toUnit(x0[i]);
            }
        } else if (dist instanceof Distribution.Bernoulli b) {
            long below = bernoulliThreshold(b.p());
            for (int i = 0; i < n; i++) {
                // Branch-free (a branch on random bits mispredicts half the time): 1 when the word is under the threshold.
                out[at + i] = (double) (((x0[i] & 0xFFFFFFFFL) - below) >>> 63);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[at + i] = value(dist, x0[i], x1[i]);
            }
        }
    }

    /** The sample of {@code dist} for a block whose first two words are {@code x0, x1}. */
    private static double value(Distribution dist, int x0, int x1) {
        if (dist instanceof Distribution.Uniform u) {
            return u.low() + (u.high() - u.low()) * toUnit(x0);
        } else if (dist instanceof Distribution.Normal n) {
            return n.mean() + n.std() * Math.sqrt(-2.0 * Math.log(toUnit(x0))) * Math.cos(2.0 * Math.PI * toUnit(x1));
        } else if (dist instanceof Distribution.Bernoulli b) {
            return toUnit(x0) < b.p() ? 1.0 : 0.0;
        }
        throw new IllegalArgumentException("unknown distribution " + dist);
    }

    private static final ThreadLocal<Lanes> LANES = ThreadLocal.withInitial(Lanes::new);

    /**
     * The blocks of {@link #WIDTH} consecutive stream positions at once, one position per array slot: every round is
     * a loop of plain int operations over the slots, which C2 turns into SIMD instructions (no loop-carried
     * dependency, and the 32 x 32 -> 64-bit products are built from 16-bit halves, since Java 17's vectoriser has no
     * widening multiply). Measured here: 3.1 ns a block, 25.7 with the vectoriser switched off.
     */
    private static final class Lanes {
        /** 16 KiB of lanes: long enough loops for the vectoriser (3.1 ns a block here, 7.7 with 64 lanes), within L1. */
        static final int WIDTH = 1024;
        private static final int M0_LO = M0 & 0xFFFF;
        private static final int M0_HI = M0 >>> 16;
        private static final int M1_LO = M1 & 0xFFFF;
        private static final int M1_HI = M1 >>> 16;

        final int[] x0 = new int[WIDTH];
        final int[] x1 = new int[WIDTH];
        private final int[] x2 = new int[WIDTH];
        private final int[] x3 = new int[WIDTH];

        /** The first two words of the blocks for positions {@code p .. p + n - 1} (counters {@code (lo, hi, 0, 0)}). */
        void blocks(long p, int n, int k0, int k1) {
            int[] x0 = this.x0;
            int[] x1 = this.x1;
            int[] x2 = this.x2;
            int[] x3 = this.x3;
            for (int i = 0; i < n; i++) {
                long q = p + i;
                x0[i] = (int) q;
                x1[i] = (int) (q >>> 32);
                x2[i] = 0;
                x3[i] = 0;
            }
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < n; i++) {
                    int a0 = x0[i];
                    int a2 = x2[i];
                    int hi0 = mulHigh(a0, M0_LO, M0_HI);
                    int hi1 = mulHigh(a2, M1_LO, M1_HI);
                    x0[i] = hi1 ^ x1[i] ^ k0;
                    x1[i] = a2 * M1;
                    x2[i] = hi0 ^ x3[i] ^ k1;
                    x3[i] = a0 * M0;
                }
                k0 += W0;
                k1 += W1;
            }
        }

        /**
         * The high 32 bits of the unsigned product of {@code a} and the constant {@code (mHi << 16) | mLo}, from 16-bit
         * partial products: every partial sum below stays under 2^32 when read unsigned, so none carries out.
         */
        private static int mulHigh(int a, int mLo, int mHi) {
            int aLo = a & 0xFFFF;
            int aHi = a >>> 16;
            int low = aLo * mLo;
            int mid1 = aHi * mLo + (low >>> 16);
            int mid2 = aLo * mHi + (mid1 & 0xFFFF);
            return aHi * mHi + (mid1 >>> 16) + (mid2 >>> 16);
        }
    }

    /**
     * The integer {@code T} with {@code toUnit(x) < p} exactly when the unsigned word {@code x < T}: the test is
     * {@code x + 0.5 < p 2^32}, and {@code p 2^32 - 0.5} is exact in double wherever an integer can fall on either side.
     */
    static long bernoulliThreshold(double p) {
        return (long) Math.ceil(p * 4294967296.0 - 0.5);
    }

    private static double toUnit(int word) {
        return ((word & 0xFFFFFFFFL) + 0.5) * TWO_POW_M32;
    }
}
