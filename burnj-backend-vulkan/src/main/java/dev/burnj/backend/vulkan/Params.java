package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import java.util.Arrays;

/** Builds the int parameter block that binding 0 of every kernel holds. */
final class Params {
    private int[] values = new int[32];
    private int size;

    Params add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
        return this;
    }

    Params add(int... vs) {
        for (int v : vs) {
            add(v);
        }
        return this;
    }

    /** A view: its element offset, then one stride per dimension. */
    Params view(int offset, int[] strides) {
        add(offset);
        return add(strides);
    }

    /** {@code value} encoded as a scalar of {@code dtype} (see {@link Glsl#scalar}); int bounds saturate. */
    Params scalar(DType dtype, double value) {
        switch (dtype) {
            case F32 -> add(Float.floatToRawIntBits((float) value));
            case I32 -> add((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
            case I64 -> {
                long v = value >= 0x1p63 ? Long.MAX_VALUE : value <= -0x1p63 ? Long.MIN_VALUE : (long) value;
                add((int) v);
                add((int) (v >>> 32));
            }
            case F64 -> {
                long bits = Double.doubleToRawLongBits(value);
                add((int) bits);
                add((int) (bits >>> 32));
            }
            case BOOL -> add(value != 0 ? 1 : 0);
            default -> throw Glsl.unsupported(dtype);
        }
        return this;
    }

    int[] build() {
        return Arrays.copyOf(values, size);
    }
}
