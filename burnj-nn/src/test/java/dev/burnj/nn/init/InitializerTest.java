package dev.burnj.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import org.junit.jupiter.api.Test;

class InitializerTest {
    private static final TensorOptions OPTIONS = TensorOptions.on(Device.of("nd4j")).withDType(DType.F64).withGenerator(Generator.of(7));

    private static double[] values(Initializer init, int... dims) {
        try (Tensor2 t = init.init(Shape.of(dims), Rank.R2, OPTIONS)) {
            assertEquals(Shape.of(dims), t.shape());
            assertEquals(DType.F64, t.dtype());
            return t.toDoubleArray();
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void constantsFillEveryElement() {
        for (double x : values(Initializer.constant(2.5), 3, 4)) {
            assertEquals(2.5, x);
        }
        assertEquals(0.0, maxAbs(values(Initializer.zeros(), 2, 2)));
        assertEquals(1.0, mean(values(Initializer.ones(), 2, 2)));
    }

    @Test
    void uniformAndNormalHaveTheirMoments() {
        double[] u = values(Initializer.uniform(-2, 4), 200, 500);
        for (double x : u) {
            assertTrue(x >= -2 && x < 4, "uniform value " + x);
        }
        assertEquals(1.0, mean(u), 0.02);
        assertEquals(6 / Math.sqrt(12), std(u), 0.02);
        double[] n = values(Initializer.normal(3, 0.5), 200, 500);
        assertEquals(3.0, mean(n), 0.01);
        assertEquals(0.5, std(n), 0.01);
    }

    @Test
    void gainsFollowPytorchCalculateGain() {
        assertEquals(1.0, Nonlinearity.LINEAR.gain(), 1e-15);
        assertEquals(1.0, Nonlinearity.SIGMOID.gain(), 1e-15);
        assertEquals(Math.sqrt(2), Nonlinearity.RELU.gain(), 1e-15);
        assertEquals(5.0 / 3, Nonlinearity.TANH.gain(), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Nonlinearity.LEAKY_RELU.gain(), 1e-15);
        assertEquals(Math.sqrt(2 / 6.0), Nonlinearity.LEAKY_RELU.gain(Math.sqrt(5)), 1e-15);
    }

    @Test
    void fansAreComputedLikePytorch() {
        Shape conv = Shape.of(16, 3, 5, 5);
        assertEquals(3 * 25, Fans.fanIn(conv));
        assertEquals(16 * 25, Fans.fanOut(conv));
        assertEquals(20, Fans.fanIn(Shape.of(10, 20)));
        assertEquals(10, Fans.fan(Shape.of(10, 20), FanMode.FAN_OUT));
        assertThrows(IllegalArgumentException.class, () -> Fans.fanIn(Shape.of(5)));
    }

    @Test
    void kaimingUniformIsBoundedByGainTimesSqrtThreeOverFan() {
        double[] w = values(Initializer.kaimingUniform(FanMode.FAN_IN, Nonlinearity.RELU, 0), 400, 100);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 100);
        assertTrue(maxAbs(w) <= bound, "max " + maxAbs(w) + " > " + bound);
        assertTrue(maxAbs(w) > 0.99 * bound, "the range is used");
        assertEquals(Math.sqrt(2.0 / 100), std(w), 0.003);
        double[] fanOut = values(Initializer.kaimingUniform(FanMode.FAN_OUT, Nonlinearity.LINEAR, 0), 400, 100);
        assertTrue(maxAbs(fanOut) <= Math.sqrt(3.0 / 400));
        assertEquals(Initializer.kaimingUniform(), Initializer.kaimingUniform(FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, 0));
    }

    @Test
    void kaimingNormalAndXavierHaveTheRightStd() {
        assertEquals(Math.sqrt(2.0 / 200), std(values(Initializer.kaimingNormal(), 300, 200)), 0.003);
        assertEquals(5.0 / 3 / Math.sqrt(300), std(values(Initializer.kaimingNormal(FanMode.FAN_OUT, Nonlinearity.TANH, 0), 300, 200)), 0.003);
        double xavier = 2 * Math.sqrt(2.0 / (300 + 200));
        assertEquals(xavier, std(values(Initializer.xavierNormal(2), 300, 200)), 0.003);
        double[] u = values(Initializer.xavierUniform(2), 300, 200);
        assertTrue(maxAbs(u) <= Math.sqrt(3) * xavier);
        assertEquals(xavier, std(u), 0.003);
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormalTimesGain() {
        checkOrthogonal(3, 7, 1.5);
        checkOrthogonal(7, 3, 1.0);
    }

    private static void checkOrthogonal(int rows, int cols, double gain) {
        double[] w = values(Initializer.orthogonal(gain), rows, cols);
        boolean wide = rows < cols;
        int n = wide ? rows : cols;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int k = 0; k < (wide ? cols : rows); k++) {
                    dot += wide ? w[a * cols + k] * w[b * cols + k] : w[k * cols + a] * w[k * cols + b];
                }
                assertEquals(a == b ? gain * gain : 0, dot, 1e-12, rows + "x" + cols + " entry " + a + "," + b);
            }
        }
    }

    @Test
    void higherRanksAndSeedsAreReproducible() {
        TensorOptions a = OPTIONS.withGenerator(Generator.of(3));
        TensorOptions b = OPTIONS.withGenerator(Generator.of(3));
        try (Tensor4 x = Initializer.kaimingUniform().init(Shape.of(4, 3, 2, 2), Rank.R4, a);
                Tensor4 y = Initializer.kaimingUniform().init(Shape.of(4, 3, 2, 2), Rank.R4, b);
                Tensor4 o = Initializer.orthogonal(1).init(Shape.of(4, 3, 2, 2), Rank.R4, a)) {
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
            assertEquals(Shape.of(4, 3, 2, 2), o.shape());
        }
    }

    @Test
    void wrongRankOrArgumentsFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.zeros().init(Shape.of(2, 2, 2), Rank.R2, OPTIONS));
        assertTrue(e.getMessage().contains("[2, 2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializer.uniform(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Initializer.normal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Initializer.xavierUniform(1).init(Shape.of(4), Rank.R1, OPTIONS));
    }
}
