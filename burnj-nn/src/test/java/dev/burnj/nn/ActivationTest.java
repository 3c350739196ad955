package dev.burnj.nn;

import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationTest {
    private static final double[] X = randoms(3 * 4, 13);

    private static void check(UnaryOperator<Tensor2> layer, DoubleUnaryOperator f) {
        double[] expected = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            expected[i] = f.applyAsDouble(X[i]);
        }
        try (TensorScope scope = TensorScope.open()) {
            assertClose(expected, layer.apply(Tensor2.from(data(X, 3, 4), CPU)).toDoubleArray(), 1e-7);
        }
    }

    @Test
    void elementwiseActivationsMatchTheirFormulas() {
        Relu relu = new Relu();
        check(relu::forward, x -> Math.max(x, 0));
        LeakyRelu leaky = LeakyReluConfig.of().withNegativeSlope(0.2).init();
        check(leaky::forward, x -> x > 0 ? x : 0.2 * x);
        check(LeakyReluConfig.of().init()::forward, x -> x > 0 ? x : 0.01 * x);
        Sigmoid sigmoid = new Sigmoid();
        check(sigmoid::forward, x -> 1 / (1 + Math.exp(-x)));
        Tanh tanh = new Tanh();
        check(tanh::forward, Math::tanh);
        Silu silu = new Silu();
        check(silu::forward, x -> x / (1 + Math.exp(-x)));
        Gelu gelu = GeluConfig.of().init();
        check(gelu::forward, Reference::gelu);
        Gelu geluTanh = GeluConfig.of().withTanhApproximation(true).init();
        check(geluTanh::forward, x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    }

    @Test
    void softmaxAndLogSoftmaxNormaliseAlongTheirDim() {
        double[] expected = new double[X.length];
        double[] expectedLog = new double[X.length];
        for (int c = 0; c < 4; c++) {
            double z = 0;
            for (int r = 0; r < 3; r++) {
                z += Math.exp(X[r * 4 + c]);
            }
            for (int r = 0; r < 3; r++) {
                expected[r * 4 + c] = Math.exp(X[r * 4 + c]) / z;
                expectedLog[r * 4 + c] = X[r * 4 + c] - Math.log(z);
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 x = Tensor2.from(data(X, 3, 4), CPU);
            assertClose(expected, SoftmaxConfig.of(0).init().forward(x).toDoubleArray(), 1e-12);
            assertClose(expectedLog, LogSoftmaxConfig.of(-2).init().forward(x).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void activationsKeepAnyRank() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 x = Tensor4.from(data(randoms(16, 1), 1, 2, 2, 4), CPU);
            Tensor4 y = new Relu().forward(x);
            assertEquals(Shape.of(1, 2, 2, 4), y.shape());
            Tensor3 z = SoftmaxConfig.of(-1).init().forward(x.reshape(2, 2, 4));
            assertClose(new double[] {1, 1, 1, 1}, z.sumDim(2).flatten().toDoubleArray(), 1e-12);
        }
    }
}
