package dev.burnj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Devices, data and comparisons shared by the layer tests. */
final class Support {
    static final Device CPU = Device.of("nd4j");
    static final Device AD = CPU.autodiff();

    private Support() {}

    /** F64 options on {@code device} with a seeded generator, so tests are reproducible. */
    static TensorOptions f64(Device device) {
        return TensorOptions.on(device).withDType(DType.F64).withGenerator(Generator.of(42));
    }

    static double[] randoms(int n, long seed) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    static TensorData data(double[] values, int... dims) {
        return TensorData.of(values, Shape.of(dims));
    }

    static void assertClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /** Central finite differences of {@code loss} at {@code point} (a plain-Java function, in double precision). */
    static double[] numericGrad(ToDoubleFunction<double[]> loss, double[] point) {
        double h = 1e-6;
        double[] grad = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[i] += h;
            minus[i] -= h;
            grad[i] = (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * h);
        }
        return grad;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
