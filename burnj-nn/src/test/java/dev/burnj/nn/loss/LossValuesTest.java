package dev.burnj.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loss values against plain-Java double-precision references of PyTorch's definitions. */
class LossValuesTest {
    static final TensorOptions F64 = TensorOptions.on(Device.of("nd4j")).withDType(DType.F64);
    static final double[][] LOGITS = {{2.0, -1.0, 0.5}, {0.1, 0.2, 0.3}, {-3.0, 4.0, 1.0}, {1000.0, 0.0, -1000.0}};
    static final long[] TARGET = {0, 2, 1, 2};

    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = TensorScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    static double[] logSoftmax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : row) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] - lse;
        }
        return out;
    }

    /** PyTorch's cross-entropy per sample and the mean's denominator: {loss_0..loss_n-1, sum of w[y] not ignored}. */
    static double[] crossEntropyReference(double[] w, long ignore, double eps) {
        int c = LOGITS[0].length;
        double[] out = new double[TARGET.length + 1];
        for (int i = 0; i < TARGET.length; i++) {
            if (TARGET[i] == ignore) {
                continue;
            }
            double[] lp = logSoftmax(LOGITS[i]);
            int y = (int) TARGET[i];
            double wy = w == null ? 1 : w[y];
            double smooth = 0;
            for (int k = 0; k < c; k++) {
                smooth -= (w == null ? 1 : w[k]) * lp[k];
            }
            out[i] = (1 - eps) * -wy * lp[y] + eps / c * smooth;
            out[TARGET.length] += wy;
        }
        return out;
    }

    static double mean(double[] ref) {
        double s = 0;
        for (int i = 0; i < ref.length - 1; i++) {
            s += ref[i];
        }
        return s / ref[ref.length - 1];
    }

    @Test
    void crossEntropyWithWeightsIgnoreIndexAndSmoothing() {
        Tensor2 logits = Tensor2.of(LOGITS, F64);
        IntTensor1 target = IntTensor1.of(TARGET);
        double[] w = {0.5, 2.0, 1.5};
        for (double eps : new double[] {0.0, 0.1}) {
            for (double[] weights : new double[][] {null, w}) {
                for (long ignore : new long[] {-100, 2}) {
                    CrossEntropyLoss loss = CrossEntropyLoss.of().withLabelSmoothing(eps).withIgnoreIndex(ignore);
                    if (weights != null) {
                        loss = loss.withWeights(weights);
                    }
                    double[] ref = crossEntropyReference(weights, ignore, eps);
                    String what = "eps " + eps + " weighted " + (weights != null) + " ignore " + ignore;
                    assertEquals(mean(ref), loss.forward(logits, target).item(), 1e-12, what);
                    double sum = mean(ref) * ref[ref.length - 1];
                    assertEquals(sum, loss.withReduction(Reduction.SUM).forward(logits, target).item(), 1e-12, what);
                    assertArrayEquals(java.util.Arrays.copyOf(ref, TARGET.length),
                            loss.withReduction(Reduction.NONE).forward(logits, target).toDoubleArray(), 1e-12, what);
                }
            }
        }
    }

    @Test
    void allIgnoredMeanIsNanAsPyTorch() {
        Tensor2 logits = Tensor2.of(LOGITS, F64);
        IntTensor1 target = IntTensor1.of(new long[] {-100, -100, -100, -100});
        assertTrue(Double.isNaN(CrossEntropyLoss.of().forward(logits, target).item()));
        assertTrue(Double.isNaN(CrossEntropyLoss.of().withLabelSmoothing(0.2).forward(logits, target).item()));
        assertEquals(0.0, CrossEntropyLoss.of().withReduction(Reduction.SUM).forward(logits, target).item());
        assertTrue(Double.isNaN(NllLoss.of().forward(logits.logSoftmax(1), target).item()));
    }

    @Test
    void nllMatchesCrossEntropyOnLogProbabilitiesAndChecksTargets() {
        Tensor2 logits = Tensor2.of(LOGITS, F64);
        IntTensor1 target = IntTensor1.of(TARGET);
        double[] w = {0.5, 2.0, 1.5};
        assertEquals(mean(crossEntropyReference(w, 1, 0)), NllLoss.of().withWeights(w).withIgnoreIndex(1).forward(logits.sub(logits.logSumExp(1)), target).item(),
                1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NllLoss.of().forward(logits, IntTensor1.of(new long[] {0, 3, 1, 1})));
        assertEquals("nllLoss: target 3 at position 1 is out of range for 3 classes (ignore index -100)", e.getMessage());
    }

    static final double[] X = {-2.5, -0.3, 0.0, 0.4, 1.7, 3.0};
    static final double[] Y = {-1.0, 0.2, 0.0, 1.5, 1.0, -0.5};

    interface Elementwise {
        double at(double x, double y);
    }

    static void assertElementwise(double[] actual, Elementwise ref, double[] xs, double[] ys) {
        double[] expected = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            expected[i] = ref.at(xs[i], ys[i]);
        }
        assertArrayEquals(expected, actual, 1e-12);
    }

    @Test
    void regressionLosses() {
        Tensor2 x = Tensor2.of(new double[][] {{X[0], X[1], X[2]}, {X[3], X[4], X[5]}}, F64);
        Tensor2 y = Tensor2.of(new double[][] {{Y[0], Y[1], Y[2]}, {Y[3], Y[4], Y[5]}}, F64);
        assertElementwise(MseLoss.of().elementwise(x, y).toDoubleArray(), (a, b) -> (a - b) * (a - b), X, Y);
        assertElementwise(L1Loss.of().withReduction(Reduction.NONE).forward(x, y).toDoubleArray(), (a, b) -> Math.abs(a - b), X, Y);
        for (double delta : new double[] {0.5, 1.0, 2.0}) {
            assertElementwise(HuberLoss.of().withDelta(delta).elementwise(x, y).toDoubleArray(), (a, b) -> {
                double d = Math.abs(a - b);
                return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            }, X, Y);
            assertElementwise(SmoothL1Loss.of().withBeta(delta).elementwise(x, y).toDoubleArray(), (a, b) -> {
                double d = Math.abs(a - b);
                return d < delta ? 0.5 * d * d / delta : d - 0.5 * delta;
            }, X, Y);
        }
        assertElementwise(SmoothL1Loss.of().withBeta(0).elementwise(x, y).toDoubleArray(), (a, b) -> Math.abs(a - b), X, Y);
        double mse = 0;
        for (int i = 0; i < X.length; i++) {
            mse += (X[i] - Y[i]) * (X[i] - Y[i]);
        }
        assertEquals(mse / X.length, MseLoss.of().forward(x, y).item(), 1e-12);
        assertEquals(mse, MseLoss.of().withReduction(Reduction.SUM).forward(x, y).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MseLoss.of().forward(x, Tensor2.of(new double[][] {{1, 2}}, F64)));
    }

    static final double[] P = {0.0, 1e-50, 0.2, 0.5, 0.9, 1.0};
    static final double[] T = {1.0, 1.0, 0.0, 0.3, 1.0, 0.0};

    @Test
    void bceClampsLogAtMinus100() {
        Tensor1 p = Tensor1.of(P, F64);
        Tensor1 t = Tensor1.of(T, F64);
        Elementwise ref = (a, b) -> -(b * Math.max(Math.log(a), -100) + (1 - b) * Math.max(Math.log(1 - a), -100));
        assertElementwise(BceLoss.of().elementwise(p, t).toDoubleArray(), ref, P, T);
        assertEquals(100.0, BceLoss.of().elementwise(p, t).toDoubleArray()[0], 1e-12);
        Tensor1 w = Tensor1.of(new double[] {1, 2, 3, 4, 5, 6}, F64);
        double sum = 0;
        for (int i = 0; i < P.length; i++) {
            sum += (i + 1) * ref.at(P[i], T[i]);
        }
        assertEquals(sum / P.length, BceLoss.of().forward(p, t, w).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BceLoss.of().forward(Tensor1.of(new double[] {1.5}, F64), Tensor1.of(new double[] {1}, F64)));
    }

    @Test
    void bceWithLogitsIsStableAndWeighsPositives() {
        double[][] logits = {{-800.0, -2.0, 0.0}, {0.5, 30.0, 800.0}};
        double[][] target = {{1.0, 0.0, 1.0}, {0.25, 1.0, 0.0}};
        double[] pw = {2.0, 0.5, 3.0};
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double x = logits[i][j], y = target[i][j];
                // log(1 + exp(-x)) computed without overflow for the reference
                double softplusNeg = x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
                expected[3 * i + j] = (1 - y) * x + (1 + (pw[j] - 1) * y) * softplusNeg;
            }
        }
        double[] actual = BceWithLogitsLoss.of().withPosWeight(pw).elementwise(Tensor2.of(logits, F64), Tensor2.of(target, F64)).toDoubleArray();
        assertArrayEquals(expected, actual, 1e-12);
        assertEquals(1600.0, actual[0], 1e-9);
    }

    @Test
    void klDivergence() {
        double[] logQ = {Math.log(0.2), Math.log(0.5), Math.log(0.3), Math.log(0.6), Math.log(0.3), Math.log(0.1)};
        double[] p = {0.0, 0.7, 0.3, 0.5, 0.5, 0.0};
        Tensor2 input = Tensor2.of(new double[][] {{logQ[0], logQ[1], logQ[2]}, {logQ[3], logQ[4], logQ[5]}}, F64);
        Tensor2 target = Tensor2.of(new double[][] {{p[0], p[1], p[2]}, {p[3], p[4], p[5]}}, F64);
        Elementwise ref = (x, y) -> y == 0 ? 0 : y * (Math.log(y) - x);
        assertElementwise(KlDivLoss.of().elementwise(input, target).toDoubleArray(), ref, logQ, p);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += ref.at(logQ[i], p[i]);
        }
        assertEquals(sum / 6, KlDivLoss.of().forward(input, target).item(), 1e-12);
        assertEquals(sum / 2, KlDivLoss.of().withBatchMean().forward(input, target).item(), 1e-12);
        double[] logP = {Math.log(0.1), Math.log(0.7), Math.log(0.2), Math.log(0.5), Math.log(0.4), Math.log(0.1)};
        Tensor2 logTarget = Tensor2.of(new double[][] {{logP[0], logP[1], logP[2]}, {logP[3], logP[4], logP[5]}}, F64);
        assertElementwise(KlDivLoss.of().withLogTarget(true).elementwise(input, logTarget).toDoubleArray(), (x, lt) -> Math.exp(lt) * (lt - x), logQ, logP);
    }
}
