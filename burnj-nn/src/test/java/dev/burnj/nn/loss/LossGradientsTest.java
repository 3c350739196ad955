package dev.burnj.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gradients on the autodiff device against central finite differences (F64) and, where simple, analytic formulas. */
class LossGradientsTest {
    static final Device AUTODIFF = Device.of("nd4j").autodiff();
    static final TensorOptions F64 = TensorOptions.on(AUTODIFF).withDType(DType.F64);
    static final double[][] X = {{0.3, -1.2, 2.0}, {0.0, 0.7, -0.4}};

    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = TensorScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    /** The gradient of {@code loss} at {@code x} by autodiff, checked against central differences. */
    static double[] checkGradient(double[][] x, Function<Tensor2, Tensor1> loss) {
        Tensor2 leaf = Tensor2.of(x, F64).requireGrad();
        double[] autodiff;
        try (Grads grads = loss.apply(leaf).backward()) {
            autodiff = grads.get(leaf).toDoubleArray();
        }
        double h = 1e-6;
        int cols = x[0].length;
        double[] numeric = new double[x.length * cols];
        for (int i = 0; i < numeric.length; i++) {
            double[][] plus = copy(x), minus = copy(x);
            plus[i / cols][i % cols] += h;
            minus[i / cols][i % cols] -= h;
            numeric[i] = (loss.apply(Tensor2.of(plus, F64)).item() - loss.apply(Tensor2.of(minus, F64)).item()) / (2 * h);
        }
        assertArrayEquals(numeric, autodiff, 1e-6);
        return autodiff;
    }

    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }

    @Test
    void crossEntropyAndNll() {
        IntTensor1 target = IntTensor1.of(new long[] {2, 0}, TensorOptions.on(AUTODIFF));
        double eps = 0.2;
        double[] g = checkGradient(X, x -> CrossEntropyLoss.of().withLabelSmoothing(eps).forward(x, target));
        // analytic: (softmax - ((1 - eps) onehot + eps / C)) / N
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            double[] lp = LossValuesTest.logSoftmax(X[i]);
            for (int k = 0; k < 3; k++) {
                double q = (k == (i == 0 ? 2 : 0) ? 1 - eps : 0) + eps / 3;
                expected[3 * i + k] = (Math.exp(lp[k]) - q) / 2;
            }
        }
        assertArrayEquals(expected, g, 1e-12);
        IntTensor1 withIgnored = IntTensor1.of(new long[] {1, -1}, TensorOptions.on(AUTODIFF));
        double[] ignoredGrad = checkGradient(X, x -> CrossEntropyLoss.of().withWeights(0.5, 2, 1).withIgnoreIndex(-1).withLabelSmoothing(0.1)
                .forward(x, withIgnored));
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOfRange(ignoredGrad, 3, 6), 0.0);
        checkGradient(X, x -> NllLoss.of().withWeights(1, 3, 2).withReduction(Reduction.SUM).forward(x, target));
    }

    @Test
    void binaryLosses() {
        double[][] probs = {{0.1, 0.5, 0.95}, {0.3, 0.7, 0.02}};
        Tensor2 y = Tensor2.of(new double[][] {{1, 0, 1}, {0.5, 1, 0}}, F64);
        checkGradient(probs, p -> BceLoss.of().forward(p, y));
        double[] g = checkGradient(X, x -> BceWithLogitsLoss.of().withReduction(Reduction.SUM).forward(x, y));
        // analytic: sigmoid(x) - y, including x = 0 where the stable form has kinks
        double[] expected = new double[6];
        double[] ys = y.toDoubleArray();
        for (int i = 0; i < 6; i++) {
            expected[i] = 1 / (1 + Math.exp(-X[i / 3][i % 3])) - ys[i];
        }
        assertArrayEquals(expected, g, 1e-12);
        checkGradient(X, x -> BceWithLogitsLoss.of().withPosWeight(2, 0.5, 3).forward(x, y));
    }

    @Test
    void regressionAndDivergenceLosses() {
        Tensor2 y = Tensor2.of(new double[][] {{0.1, -0.2, 0.5}, {1.5, 0.6, -0.1}}, F64);
        double[] g = checkGradient(X, x -> MseLoss.of().forward(x, y));
        double[] ys = y.toDoubleArray();
        for (int i = 0; i < 6; i++) {
            ys[i] = 2 * (X[i / 3][i % 3] - ys[i]) / 6;
        }
        assertArrayEquals(ys, g, 1e-12);
        checkGradient(X, x -> L1Loss.of().forward(x, y));
        checkGradient(X, x -> HuberLoss.of().withDelta(0.5).forward(x, y));
        checkGradient(X, x -> SmoothL1Loss.of().withBeta(0.8).withReduction(Reduction.SUM).forward(x, y));
        Tensor2 p = Tensor2.of(new double[][] {{0.2, 0.0, 0.8}, {0.3, 0.3, 0.4}}, F64);
        checkGradient(X, x -> KlDivLoss.of().withBatchMean().forward(x, p));
        checkGradient(X, x -> KlDivLoss.of().withLogTarget(true).forward(x, y));
    }
}
