package dev.burnj.conformance.support;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.List;

/** Generates host input values for a dtype and shape from a seed; the presets encode each op's valid domain. */
@FunctionalInterface
public interface Gen {
    TensorData make(DType dtype, Shape shape, long seed);

    List<DType> FLOATS = List.of(DType.F32, DType.F64);
    List<DType> INTS = List.of(DType.I64, DType.I32);
    List<DType> NUMERIC = List.of(DType.F32, DType.F64, DType.I64, DType.I32);
    List<DType> ALL = List.of(DType.F32, DType.F64, DType.I64, DType.I32, DType.BOOL);

    /** Floats in {@code [-2, 2)}, ints in {@code [-9, 9]}, random bools. */
    Gen SIGNED = Data::sample;

    /** Floats with {@code |x|} in {@code [0.5, 2)}, ints in {@code [-4, 4]} without 0: divisors. */
    Gen NON_ZERO = (dtype, shape, seed) -> {
        double[] v = dtype.isFloat() ? Data.uniform(seed, shape.numelInt(), 0.5, 2) : Data.ints(seed, shape.numelInt(), 1, 4);
        double[] sign = Data.coin(seed + 1, v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = sign[i] == 1 ? v[i] : -v[i];
        }
        return Data.of(dtype, shape, v);
    };

    /** Floats uniform in {@code [lo, hi)}; ints in {@code [ceil lo, floor hi]}. */
    static Gen range(double lo, double hi) {
        return (dtype, shape, seed) -> Data.of(dtype, shape, dtype.isFloat() ? Data.uniform(seed, shape.numelInt(), lo, hi)
                : Data.ints(seed, shape.numelInt(), (int) Math.ceil(lo), (int) Math.floor(hi)));
    }

    /** Distinct values (at least {@code 0.05} apart) for ops where ties would make the result ambiguous. */
    static Gen distinct(double lo, double hi) {
        return (dtype, shape, seed) -> Data.of(dtype, shape, Data.separated(seed, shape.numelInt(), lo, hi, 0.05));
    }

    /** Fixed values, repeated or truncated to fill the shape. */
    static Gen values(double... values) {
        return (dtype, shape, seed) -> {
            double[] v = new double[shape.numelInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i % values.length];
            }
            return Data.of(dtype, shape, v);
        };
    }
}
