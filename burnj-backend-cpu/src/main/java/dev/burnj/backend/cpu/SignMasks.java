package dev.burnj.backend.cpu;

/**
 * Selections by the sign of floats, as ReLU and leaky ReLU and their gradients make them, over dense native F32 runs
 * passed through {@link HeapChunks}. Comparisons with zero become integer masks on the floats' bits ({@code -1} where
 * true, else 0) and selections become bitwise ones: loops of integer operations that C2 vectorises, where a branch on
 * a random sign mispredicts half the time and a conditional move is not vectorised. Each mask is exactly the float
 * comparison, NaN and both zeros included, so the results are bit for bit the composed ops'.
 */
final class SignMasks {
    /** The bits of positive infinity. */
    private static final int INFINITY_BITS = 0x7f800000;

    private SignMasks() {}

    /**
     * {@code out = key > 0 ? value : value * slope} ({@code key >= 0} when not {@code strict}) for {@code n} floats:
     * leaky ReLU ({@code key} and {@code value} both the input, not strict) and its gradient ({@code key} the input,
     * {@code value} the incoming gradient, strict).
     */
    static void leaky(long key, long value, long out, long n, float slope, boolean strict) {
        HeapChunks c = HeapChunks.ofThread();
        float[] scaled = c.floats[0];
        for (long done = 0; done < n; done += HeapChunks.LENGTH) {
            int len = (int) Math.min(HeapChunks.LENGTH, n - done);
            long at = done << 2;
            // The value is read from native memory once; its bits, and the key's when it is the same tensor, by a
            // copy between heap arrays.
            HeapChunks.load(value + at, scaled, len);
            HeapChunks.bitsOf(scaled, c.otherBits, len);
            int[] keyBits = c.otherBits;
            if (key != value) {
                HeapChunks.load(key + at, c.bits, len);
                keyBits = c.bits;
            }
            if (strict) {
                greaterThanZero(keyBits, c.mask, len);
            } else {
                atLeastZero(keyBits, c.mask, len);
            }
            for (int i = 0; i < len; i++) {
                scaled[i] *= slope;
            }
            HeapChunks.bitsOf(scaled, c.bits, len);
            for (int i = 0; i < len; i++) {
                int m = c.mask[i];
                c.bits[i] = (c.otherBits[i] & m) | (c.bits[i] & ~m);
            }
            HeapChunks.store(c.bits, out + at, len);
        }
    }

    /** {@code out = key <= 0 ? +0 : value} for {@code n} floats: ReLU's gradient from its output. */
    static void zeroAtMostZero(long key, long value, long out, long n) {
        HeapChunks c = HeapChunks.ofThread();
        for (long done = 0; done < n; done += HeapChunks.LENGTH) {
            int len = (int) Math.min(HeapChunks.LENGTH, n - done);
            long at = done << 2;
            HeapChunks.load(key + at, c.bits, len);
            atMostZero(c.bits, c.mask, len);
            HeapChunks.load(value + at, c.otherBits, len);
            for (int i = 0; i < len; i++) {
                c.otherBits[i] &= ~c.mask[i];
            }
            HeapChunks.store(c.otherBits, out + at, len);
        }
    }

    /**
     * {@code mask[i] = x > 0} for the floats whose bits are {@code bits}: bits in {@code [1, +inf]}, that is
     * {@code t = bits - 1} in {@code [0, +inf)}, where both {@code ~t} and {@code t - +inf} have the sign bit.
     */
    static void greaterThanZero(int[] bits, int[] mask, int n) {
        for (int i = 0; i < n; i++) {
            int t = bits[i] - 1;
            mask[i] = (~t & (t - INFINITY_BITS)) >> 31;
        }
    }

    /** {@code mask[i] = x >= 0}: greater than zero, or either zero (the bits shifted out of the sign are 0). */
    static void atLeastZero(int[] bits, int[] mask, int n) {
        for (int i = 0; i < n; i++) {
            int b = bits[i];
            int t = b - 1;
            int doubled = b << 1;
            mask[i] = ((~t & (t - INFINITY_BITS)) >> 31) | ~((doubled | -doubled) >> 31);
        }
    }

    /**
     * {@code mask[i] = x <= 0}: +0, or a sign bit with the bits at most those of negative infinity (which leaves out
     * the negative NaNs); {@code b + 0x7fffff} is negative exactly for such bits, and overflows only for positive ones.
     */
    static void atMostZero(int[] bits, int[] mask, int n) {
        for (int i = 0; i < n; i++) {
            int b = bits[i];
            mask[i] = ~((b | -b) >> 31) | ((b & (b + 0x7fffff)) >> 31);
        }
    }
}
