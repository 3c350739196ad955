package dev.burnj.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** F16 and BF16 host conversions: exact values, ties to even, overflow, infinities, NaN and subnormals. */
class HalfPrecisionTest {
    private static void assertF16(int expectedBits, float value) {
        assertEquals(expectedBits, Float16.fromFloat(value) & 0xFFFF, () -> "F16 of " + value);
    }

    private static void assertBF16(int expectedBits, float value) {
        assertEquals(expectedBits, BFloat16.fromFloat(value) & 0xFFFF, () -> "BF16 of " + value);
    }

    @Test
    void f16ExactValues() {
        assertF16(0x0000, 0.0f);
        assertF16(0x8000, -0.0f);
        assertF16(0x3C00, 1.0f);
        assertF16(0xC000, -2.0f);
        assertF16(0x3800, 0.5f);
        assertF16(0x7BFF, 65504f);
        assertF16(0x0400, 0x1p-14f);
        assertF16(0x0001, 0x1p-24f);
        assertF16(0x03FF, 1023 * 0x1p-24f);
        assertEquals(65504f, Float16.toFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
        assertEquals(-1023 * 0x1p-24f, Float16.toFloat((short) 0x83FF));
    }

    @Test
    void f16RoundsToNearestTiesToEven() {
        assertF16(0x3C00, 1 + 0x1p-11f);
        assertF16(0x3C02, 1 + 3 * 0x1p-11f);
        assertF16(0x3C01, 1 + 0x1p-11f + 0x1p-20f);
        assertF16(0x0000, 0x1p-25f);
        assertF16(0x0002, 3 * 0x1p-25f);
        assertF16(0x0001, 0x1p-25f + 0x1p-40f);
        assertF16(0x0400, 1023.5f * 0x1p-24f);
        assertF16(0x0000, Float.MIN_VALUE);
        assertEquals(0x3C00, Float16.fromDouble(1 + 0x1p-11) & 0xFFFF);
    }

    @Test
    void f16OverflowInfinityAndNaN() {
        assertF16(0x7BFF, 65519f);
        assertF16(0x7C00, 65520f);
        assertF16(0x7C00, 1e6f);
        assertF16(0xFC00, -1e6f);
        assertF16(0x7C00, Float.POSITIVE_INFINITY);
        assertF16(0xFC00, Float.NEGATIVE_INFINITY);
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.intBitsToFloat(0x7F800001)))), "low-payload NaN stays NaN");
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
    }

    @Test
    void f16WideningIsExactForEveryBitPattern() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            float wide = Float16.toFloat((short) bits);
            if (Float.isNaN(wide)) {
                assertTrue((bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0, "only NaN patterns widen to NaN");
            } else {
                assertEquals(bits, Float16.fromFloat(wide) & 0xFFFF, "round trip of " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void bf16RoundingSpecialsAndSubnormals() {
        assertBF16(0x3F80, 1.0f);
        assertBF16(0xC040, -3.0f);
        assertBF16(0x3F80, 1 + 0x1p-8f);
        assertBF16(0x3F82, 1 + 3 * 0x1p-8f);
        assertBF16(0x3F81, 1 + 0x1p-8f + 0x1p-20f);
        assertBF16(0x7F80, Float.MAX_VALUE);
        assertBF16(0x7F80, Float.POSITIVE_INFINITY);
        assertBF16(0xFF80, Float.NEGATIVE_INFINITY);
        assertBF16(0x0000, Float.MIN_VALUE);
        assertBF16(0x0000, Float.intBitsToFloat(0x00008000));
        assertBF16(0x0002, Float.intBitsToFloat(0x00018000));
        assertBF16(0x0001, Float.intBitsToFloat(0x00008001));
        assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(Float.intBitsToFloat(0x7F800001)))), "low-payload NaN stays NaN");
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            float wide = BFloat16.toFloat((short) bits);
            assertEquals(bits << 16, Float.floatToRawIntBits(wide));
            if (!Float.isNaN(wide)) {
                assertEquals(bits, BFloat16.fromFloat(wide) & 0xFFFF);
            }
        }
    }
}
