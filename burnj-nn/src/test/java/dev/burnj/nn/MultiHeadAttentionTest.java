package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {
    private static final int B = 2, LQ = 3, LK = 4, E = 6, H = 2;

    /** Plain-Java attention with the layer's weights; {@code masked[b][i][j]} true removes key j for query i. */
    private static double[] reference(double[] q, double[] k, double[] v, double[] win, double[] bin, double[] wout, double[] bout,
            boolean[][][] masked) {
        return Reference.attention(q, k, v, B, LQ, LK, E, H, win, bin, wout, bout, masked);
    }

    private static MultiHeadAttention randomised(TensorOptions options) {
        MultiHeadAttention mha = MultiHeadAttentionConfig.of(E, H).init(options);
        // Non-zero biases, so that the test sees where each one is added.
        mha.inProjBias().set(Tensor1.from(data(randoms(3 * E, 60), 3 * E), options.device()));
        mha.outProj().bias().set(Tensor1.from(data(randoms(E, 61), E), options.device()));
        return mha;
    }

    @Test
    void stateAndInitialisationMatchPytorch() {
        MultiHeadAttention mha = MultiHeadAttentionConfig.of(E, H).init(f64(CPU));
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"), List.copyOf(mha.namedParameters().keySet()));
        assertEquals(Shape.of(3 * E, E), mha.inProjWeight().shape());
        assertArrayEquals(new double[3 * E], mha.inProjBias().value().toDoubleArray());
        assertArrayEquals(new double[E], mha.outProj().bias().value().toDoubleArray());
        double bound = Math.sqrt(6.0 / (E + 3 * E));
        for (double w : mha.inProjWeight().value().toDoubleArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
        assertThrows(IllegalArgumentException.class, () -> MultiHeadAttentionConfig.of(6, 4));
    }

    @Test
    void forwardMatchesAPlainLoopWithAndWithoutMasks() {
        MultiHeadAttention mha = randomised(f64(CPU));
        double[] q = randoms(B * LQ * E, 62);
        double[] k = randoms(B * LK * E, 63);
        double[] v = randoms(B * LK * E, 64);
        double[] win = mha.inProjWeight().value().toDoubleArray();
        double[] bin = mha.inProjBias().value().toDoubleArray();
        double[] wout = mha.outProj().weight().value().toDoubleArray();
        double[] bout = mha.outProj().bias().value().toDoubleArray();
        boolean[][] causal = new boolean[LQ][LK];
        boolean[][] padding = {{false, false, false, true}, {false, false, true, true}};
        boolean[][][] masked = new boolean[B][LQ][LK];
        for (int i = 0; i < LQ; i++) {
            for (int j = 0; j < LK; j++) {
                causal[i][j] = j > i + 1;
                for (int b = 0; b < B; b++) {
                    masked[b][i][j] = causal[i][j] || padding[b][j];
                }
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 query = Tensor3.from(data(q, B, LQ, E), CPU);
            Tensor3 key = Tensor3.from(data(k, B, LK, E), CPU);
            Tensor3 value = Tensor3.from(data(v, B, LK, E), CPU);
            Tensor3 out = mha.forward(query, key, value);
            assertEquals(Shape.of(B, LQ, E), out.shape());
            assertClose(reference(q, k, v, win, bin, wout, bout, null), out.toDoubleArray(), 1e-10);
            Tensor3 maskedOut = mha.forward(query, key, value, BoolTensor2.of(causal, TensorOptions.on(CPU)),
                    BoolTensor2.of(padding, TensorOptions.on(CPU)));
            assertClose(reference(q, k, v, win, bin, wout, bout, masked), maskedOut.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void inputProjectionGradientMatchesFiniteDifferencesOfTheReference() {
        MultiHeadAttention mha = randomised(f64(AD));
        double[] q = randoms(B * LQ * E, 65);
        double[] kv = randoms(B * LK * E, 66);
        double[] r = randoms(B * LQ * E, 67);
        double[] win = mha.inProjWeight().value().toDoubleArray();
        double[] bin = mha.inProjBias().value().toDoubleArray();
        double[] wout = mha.outProj().weight().value().toDoubleArray();
        double[] bout = mha.outProj().bias().value().toDoubleArray();
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 memory = Tensor3.from(data(kv, B, LK, E), AD);
            Tensor1 loss = mha.forward(Tensor3.from(data(q, B, LQ, E), AD), memory, memory).mul(Tensor3.from(data(r, B, LQ, E), AD)).sum();
            try (Grads grads = loss.backward()) {
                assertClose(Support.numericGrad(p -> Support.dot(r, reference(q, kv, kv, p, bin, wout, bout, null)), win),
                        grads.get(mha.inProjWeight().value()).toDoubleArray(), 1e-6);
                assertClose(Support.numericGrad(p -> Support.dot(r, reference(q, kv, kv, win, p, wout, bout, null)), bin),
                        grads.get(mha.inProjBias().value()).toDoubleArray(), 1e-6);
            }
        }
    }

    @Test
    void attentionDropoutActsOnlyInTraining() {
        MultiHeadAttention mha = MultiHeadAttentionConfig.of(E, H).withDropout(0.5).init(f64(CPU));
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 x = Tensor3.from(data(randoms(B * LQ * E, 68), B, LQ, E), CPU);
            double[] train = mha.forward(x, x, x).toDoubleArray();
            mha.eval();
            double[] eval = mha.forward(x, x, x).toDoubleArray();
            assertArrayEquals(eval, mha.forward(x, x, x).toDoubleArray(), "eval is deterministic");
            assertTrue(!java.util.Arrays.equals(train, eval), "training drops attention weights");
        }
    }
}
