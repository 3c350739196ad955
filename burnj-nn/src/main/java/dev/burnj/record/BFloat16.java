package dev.burnj.record;

/**
 * bfloat16 ("BF16": the upper half of an F32) conversions on the host, so records can store BF16 tensors whatever
 * the backend holds. Narrowing rounds to nearest, ties to even; widening is exact.
 */
public final class BFloat16 {
    /** The quiet bit of a BF16 NaN; set when narrowing so a NaN whose payload sat in the low bits stays a NaN. */
    private static final int QUIET_NAN = 0x0040;

    private BFloat16() {}

    /** The BF16 bits nearest to {@code value} (ties to even); overflow gives an infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | QUIET_NAN);
        }
        // Adding 0x7FFF plus the lowest kept bit rounds the dropped half to nearest even; a carry propagates into
        // the exponent, which turns values past the largest finite BF16 into an infinity as it should.
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** The BF16 bits nearest to {@code value}. */
    public static short fromDouble(double value) {
        // Double rounding through F32 is innocuous: 24 bits of intermediate precision exceed twice BF16's 8, plus two.
        return fromFloat((float) value);
    }

    /** The exact F32 value of the BF16 {@code bits}. */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
