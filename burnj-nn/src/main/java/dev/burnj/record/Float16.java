package dev.burnj.record;

/**
 * IEEE 754 binary16 ("F16", half precision) conversions on the host, so records can store half-precision tensors
 * whatever the backend holds. Narrowing rounds to nearest, ties to even; widening is exact.
 */
public final class Float16 {
    private static final int SIGN = 0x8000;
    private static final int INFINITY = 0x7C00;
    /** The quiet bit of a half NaN; set when narrowing so a NaN never turns into an infinity. */
    private static final int QUIET_NAN = 0x0200;
    private static final int EXPONENT_BIAS_SHIFT = 127 - 15;

    private Float16() {}

    /** The F16 bits nearest to {@code value} (ties to even); overflow gives an infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & SIGN;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (mantissa == 0 ? sign | INFINITY : sign | INFINITY | QUIET_NAN | (mantissa >>> 13));
        }
        int halfExponent = exponent - EXPONENT_BIAS_SHIFT;
        if (halfExponent >= 0x1F) {
            return (short) (sign | INFINITY);
        }
        if (halfExponent <= 0) {
            return (short) (sign | subnormal(mantissa | 0x800000, 14 - halfExponent));
        }
        // The 13 dropped mantissa bits decide the rounding; a carry out of the mantissa correctly bumps the exponent
        // (up to infinity for values just below the overflow threshold).
        int half = sign | (halfExponent << 10) | (mantissa >>> 13);
        return (short) roundDropped(half, mantissa & 0x1FFF, 13);
    }

    /** The F16 bits nearest to {@code value}. */
    public static short fromDouble(double value) {
        // Rounding to F32 first and then to F16 is exact-equivalent to rounding once: double rounding is innocuous
        // when the intermediate precision (24 bits) is at least twice the target's (11 bits) plus two.
        return fromFloat((float) value);
    }

    /** The exact F32 value of the F16 {@code bits}. */
    public static float toFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & SIGN) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exactly representable as a (normal) float.
            float magnitude = Math.scalb((float) mantissa, -24);
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + EXPONENT_BIAS_SHIFT) << 23) | (mantissa << 13));
    }

    /** A subnormal (or zero, or smallest normal after rounding up) half from a 24-bit significand shifted right. */
    private static int subnormal(int significand, int shift) {
        if (shift > 24) {
            return 0;
        }
        return roundDropped(significand >>> shift, significand & ((1 << shift) - 1), shift);
    }

    /** {@code kept} rounded to nearest even given the {@code width} low bits {@code dropped} that were cut off. */
    private static int roundDropped(int kept, int dropped, int width) {
        int halfway = 1 << (width - 1);
        if (dropped > halfway || (dropped == halfway && (kept & 1) != 0)) {
            return kept + 1;
        }
        return kept;
    }
}
