package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Random;

/** Shared helpers: the registered backend and conversions between Java arrays and tensors. */
abstract class Nd4jTestSupport {
    static final Backend B = Backends.get("nd4j");

    static TensorPrimitive f64(double[] values, int... shape) {
        return B.fromData(TensorData.of(values, Shape.of(shape)), B.defaultDevice());
    }

    static TensorPrimitive i64(long[] values, int... shape) {
        return B.fromData(TensorData.of(values, Shape.of(shape)), B.defaultDevice());
    }

    static TensorPrimitive f32(float[] values, int... shape) {
        return B.fromData(TensorData.of(values, Shape.of(shape)), B.defaultDevice());
    }

    static double[] doubles(TensorPrimitive t) {
        return B.toData(t).toDoubles();
    }

    static long[] longs(TensorPrimitive t) {
        TensorData d = B.toData(t);
        assertEquals(DType.I64, d.dtype());
        return d.toLongs();
    }

    static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return v;
    }

    static void assertClose(double[] expected, TensorPrimitive actual, int... shape) {
        assertEquals(Shape.of(shape), actual.shape(), "shape");
        assertArrayEquals(expected, doubles(actual), 1e-9);
    }

    static void release(TensorPrimitive... ts) {
        for (TensorPrimitive t : ts) {
            if (t != null) {
                t.release();
            }
        }
    }
}
