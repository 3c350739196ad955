package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sign masks against float comparisons on every bit pattern, and the selections against the composed formulas. */
class SignMasksTest {
    @Test
    void masksAreTheFloatComparisonsOnEveryBitPattern() {
        int n = HeapChunks.LENGTH;
        int[] bits = new int[n];
        int[] gt = new int[n];
        int[] ge = new int[n];
        int[] le = new int[n];
        long pattern = Integer.MIN_VALUE;
        while (pattern <= Integer.MAX_VALUE) {
            for (int i = 0; i < n; i++) {
                bits[i] = (int) (pattern + i);
            }
            SignMasks.greaterThanZero(bits, gt, n);
            SignMasks.atLeastZero(bits, ge, n);
            SignMasks.atMostZero(bits, le, n);
            for (int i = 0; i < n; i++) {
                float x = Float.intBitsToFloat(bits[i]);
                if (gt[i] != (x > 0f ? -1 : 0) || ge[i] != (x >= 0f ? -1 : 0) || le[i] != (x <= 0f ? -1 : 0)) {
                    throw new AssertionError("bits 0x" + Integer.toHexString(bits[i]) + " (" + x + "): > " + gt[i] + ", >= " + ge[i] + ", <= " + le[i]);
                }
            }
            pattern += n;
        }
    }

    @Test
    void selectionsMatchTheComposedFormulasBitForBit() {
        float[] specials = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};
        Random random = new Random(7);
        // Longer than one chunk and not a multiple of it.
        int n = 2 * HeapChunks.LENGTH + 77;
        float[] key = new float[n];
        float[] value = new float[n];
        for (int i = 0; i < n; i++) {
            key[i] = i < specials.length * specials.length ? specials[i % specials.length] : (float) random.nextGaussian();
            value[i] = i < specials.length * specials.length ? specials[i / specials.length] : (float) random.nextGaussian();
        }
        float slope = 0.2f;
        long raw = NativeMemory.allocateRaw(12L * n);
        try {
            long k = raw;
            long v = raw + 4L * n;
            long out = raw + 8L * n;
            NativeMemory.copyFromArray(key, k, 4L * n);
            NativeMemory.copyFromArray(value, v, 4L * n);
            SignMasks.leaky(k, v, out, n, slope, true);
            for (int i = 0; i < n; i++) {
                expectBits(key[i] > 0f ? value[i] : value[i] * slope, NativeMemory.getFloat(out + 4L * i), "leaky gradient", key[i], value[i]);
            }
            SignMasks.leaky(k, k, out, n, slope, false);
            for (int i = 0; i < n; i++) {
                expectBits(key[i] >= 0f ? key[i] : key[i] * slope, NativeMemory.getFloat(out + 4L * i), "leaky ReLU", key[i], key[i]);
            }
            SignMasks.zeroAtMostZero(k, v, out, n);
            for (int i = 0; i < n; i++) {
                expectBits(key[i] <= 0f ? 0f : value[i], NativeMemory.getFloat(out + 4L * i), "ReLU gradient", key[i], value[i]);
            }
        } finally {
            NativeMemory.free(raw);
        }
    }

    private static void expectBits(float expected, float actual, String what, float key, float value) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), () -> what + " of key " + key + ", value " + value
                + ": " + actual + ", expected " + expected);
    }
}
