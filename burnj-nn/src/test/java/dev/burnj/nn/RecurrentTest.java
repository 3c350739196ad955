package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Reference.Rnn;
import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Lstm} and {@link Gru} against PyTorch's state layout and a plain-Java reference of PyTorch's equations. */
class RecurrentTest {
    private static final int L = 3, B = 2, IN = 3, H = 2;

    private static Recurrent create(Rnn s, double dropout, TensorOptions options) {
        if (s.lstm()) {
            return new LstmConfig(s.in(), s.hidden(), s.layers(), true, s.batchFirst(), dropout, s.bidirectional()).init(options);
        }
        return new GruConfig(s.in(), s.hidden(), s.layers(), true, s.batchFirst(), dropout, s.bidirectional()).init(options);
    }

    /** output, h_n and (LSTM) c_n of one forward pass. */
    private static List<Tensor3> forward(Recurrent layer, Tensor3 x, Tensor3 h0, Tensor3 c0) {
        if (layer instanceof Lstm lstm) {
            LstmOutput out = lstm.forward(x, h0, c0);
            return List.of(out.output(), out.hn(), out.cn());
        }
        GruOutput out = ((Gru) layer).forward(x, h0);
        return List.of(out.output(), out.hn());
    }

    private static Map<String, double[]> values(Module module) {
        Map<String, double[]> out = new LinkedHashMap<>();
        module.namedParameters().forEach((name, p) -> out.put(name, p.value().toDoubleArray()));
        return out;
    }

    private static Shape inputShape(Rnn s) {
        return s.batchFirst() ? Shape.of(B, L, s.in()) : Shape.of(L, B, s.in());
    }

    private static Shape stateShape(Rnn s) {
        return Shape.of(s.layers() * s.directions(), B, s.hidden());
    }

    @Test
    void stateNamesShapesAndOrderMatchPytorch() {
        Rnn lstm = new Rnn(true, 3, 5, 2, true, false);
        Map<String, Shape> expectedLstm = new LinkedHashMap<>();
        expectedLstm.put("weight_ih_l0", Shape.of(20, 3));
        expectedLstm.put("weight_hh_l0", Shape.of(20, 5));
        expectedLstm.put("bias_ih_l0", Shape.of(20));
        expectedLstm.put("bias_hh_l0", Shape.of(20));
        expectedLstm.put("weight_ih_l0_reverse", Shape.of(20, 3));
        expectedLstm.put("weight_hh_l0_reverse", Shape.of(20, 5));
        expectedLstm.put("bias_ih_l0_reverse", Shape.of(20));
        expectedLstm.put("bias_hh_l0_reverse", Shape.of(20));
        expectedLstm.put("weight_ih_l1", Shape.of(20, 10));
        expectedLstm.put("weight_hh_l1", Shape.of(20, 5));
        expectedLstm.put("bias_ih_l1", Shape.of(20));
        expectedLstm.put("bias_hh_l1", Shape.of(20));
        expectedLstm.put("weight_ih_l1_reverse", Shape.of(20, 10));
        expectedLstm.put("weight_hh_l1_reverse", Shape.of(20, 5));
        expectedLstm.put("bias_ih_l1_reverse", Shape.of(20));
        expectedLstm.put("bias_hh_l1_reverse", Shape.of(20));
        Map<String, Shape> expectedGru = new LinkedHashMap<>();
        expectedLstm.forEach((name, shape) -> expectedGru.put(name, shape.withDim(0, 15)));
        for (Rnn s : List.of(lstm, new Rnn(false, 3, 5, 2, true, false))) {
            try (Recurrent layer = create(s, 0, f64(CPU))) {
                Map<String, Shape> shapes = new LinkedHashMap<>();
                layer.namedState().forEach((name, state) -> shapes.put(name, state.shape()));
                Map<String, Shape> expected = s.lstm() ? expectedLstm : expectedGru;
                assertEquals(List.copyOf(expected.keySet()), List.copyOf(shapes.keySet()), "names in state_dict order");
                assertEquals(expected, shapes);
                assertEquals(List.copyOf(shapes.keySet()), List.copyOf(layer.namedParameters().keySet()));
                assertTrue(layer.namedBuffers().isEmpty());
                assertEquals(layer.namedParameters().get("weight_hh_l1_reverse"), layer.weightHh(1, true));
                assertEquals(layer.namedParameters().get("bias_ih_l0"), layer.biasIh(0, false));
            }
        }
        try (Lstm noBias = LstmConfig.of(4, 3).withBias(false).init(f64(CPU)); Gru gru = GruConfig.of(4, 3).init(f64(CPU))) {
            assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(noBias.namedParameters().keySet()));
            assertNull(noBias.biasHh(0, false));
            assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(gru.namedParameters().keySet()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gru.weightIh(0, true));
            assertTrue(e.getMessage().startsWith("Gru:") && e.getMessage().contains("unidirectional"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> gru.weightIh(1, false));
        }
    }

    @ParameterizedTest(name = "lstm={0}")
    @ValueSource(booleans = {true, false})
    void initialisationIsUniformOnPlusMinusOneOverSqrtHiddenFromTheGenerator(boolean lstm) {
        Rnn s = new Rnn(lstm, 4, 16, 2, true, false);
        double bound = 1 / Math.sqrt(16);
        try (Recurrent a = create(s, 0, f64(CPU)); Recurrent b = create(s, 0, f64(CPU))) {
            Map<String, double[]> values = values(a);
            for (Map.Entry<String, double[]> e : values.entrySet()) {
                double max = 0;
                for (double v : e.getValue()) {
                    assertTrue(Math.abs(v) <= bound, e.getKey() + ": " + v);
                    max = Math.max(max, Math.abs(v));
                }
                // Weights and biases alike fill the interval (at least 48 draws each).
                assertTrue(max > 0.8 * bound, e.getKey() + " max |v| " + max);
                assertArrayEquals(e.getValue(), values(b).get(e.getKey()), "the same seed gives the same " + e.getKey());
            }
            assertFalse(Arrays.equals(values.get("bias_ih_l0"), values.get("bias_hh_l0")), "each tensor gets its own draws");
        }
    }

    /** Output, h_n and c_n of a 2-layer network against the reference, in every layout, with and without initial states. */
    @ParameterizedTest(name = "lstm={0}")
    @ValueSource(booleans = {true, false})
    void forwardMatchesThePlainJavaReference(boolean lstm) {
        int n = lstm ? 3 : 2;
        for (boolean bidirectional : new boolean[] {false, true}) {
            for (boolean batchFirst : new boolean[] {false, true}) {
                Rnn s = new Rnn(lstm, IN, H, 2, bidirectional, batchFirst);
                String label = s.toString();
                try (Recurrent layer = create(s, 0, f64(CPU)); TensorScope scope = TensorScope.open()) {
                    Map<String, double[]> p = values(layer);
                    double[] x = randoms(L * B * IN, 70);
                    double[] h0 = randoms(stateShape(s).numelInt(), 71);
                    double[] c0 = randoms(stateShape(s).numelInt(), 72);
                    Tensor3 input = Tensor3.from(data(x, inputShape(s).dims()), CPU);
                    Tensor3 h0t = Tensor3.from(data(h0, stateShape(s).dims()), CPU);
                    Tensor3 c0t = lstm ? Tensor3.from(data(c0, stateShape(s).dims()), CPU) : null;

                    List<Tensor3> given = forward(layer, input, h0t, c0t);
                    double[][] expected = Reference.recurrent(s, p, x, L, B, h0, lstm ? c0 : null);
                    Shape outShape = s.batchFirst() ? Shape.of(B, L, H * s.directions()) : Shape.of(L, B, H * s.directions());
                    assertEquals(outShape, given.get(0).shape(), label);
                    for (int i = 0; i < n; i++) {
                        assertEquals(i == 0 ? outShape : stateShape(s), given.get(i).shape(), label + " result " + i);
                        assertClose(expected[i], given.get(i).toDoubleArray(), 1e-12);
                    }

                    List<Tensor3> zero = forward(layer, input, null, null);
                    double[][] expectedZero = Reference.recurrent(s, p, x, L, B, null, null);
                    for (int i = 0; i < n; i++) {
                        assertClose(expectedZero[i], zero.get(i).toDoubleArray(), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void lstmWithoutBiasAndSingleLayerGruMatchTheReference() {
        try (Lstm lstm = LstmConfig.of(IN, H).withBias(false).withNumLayers(3).init(f64(CPU));
                Gru gru = GruConfig.of(IN, H).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            double[] x = randoms(L * B * IN, 73);
            Tensor3 input = Tensor3.from(data(x, L, B, IN), CPU);
            LstmOutput out = lstm.forward(input);
            double[][] expected = Reference.recurrent(new Rnn(true, IN, H, 3, false, false), values(lstm), x, L, B, null, null);
            assertClose(expected[0], out.output().toDoubleArray(), 1e-12);
            assertClose(expected[2], out.cn().toDoubleArray(), 1e-12);
            GruOutput g = gru.forward(input);
            expected = Reference.recurrent(new Rnn(false, IN, H, 1, false, false), values(gru), x, L, B, null, null);
            assertClose(expected[0], g.output().toDoubleArray(), 1e-12);
            assertClose(expected[1], g.hn().toDoubleArray(), 1e-12);
        }
    }

    /**
     * The gradient of a weighted sum of output, h_n and c_n with respect to the input, the initial states and every
     * parameter, against central differences of the reference, for a 2-layer bidirectional batch-first network.
     */
    @ParameterizedTest(name = "lstm={0}")
    @ValueSource(booleans = {true, false})
    void gradientsMatchFiniteDifferencesOfTheReference(boolean lstm) {
        Rnn s = new Rnn(lstm, IN, H, 2, true, true);
        int states = stateShape(s).numelInt();
        double[] x = randoms(L * B * IN, 74);
        double[] h0 = randoms(states, 75);
        double[] c0 = lstm ? randoms(states, 76) : null;
        double[] rOut = randoms(L * B * H * 2, 77);
        double[] rH = randoms(states, 78);
        double[] rC = randoms(states, 79);
        try (Recurrent layer = create(s, 0, f64(AD)); TensorScope scope = TensorScope.open()) {
            Map<String, double[]> p = values(layer);
            Tensor3 input = Tensor3.from(data(x, inputShape(s).dims()), AD).requireGrad();
            Tensor3 h0t = Tensor3.from(data(h0, stateShape(s).dims()), AD).requireGrad();
            Tensor3 c0t = lstm ? Tensor3.from(data(c0, stateShape(s).dims()), AD).requireGrad() : null;
            List<Tensor3> out = forward(layer, input, h0t, c0t);
            Tensor1 loss = out.get(0).mul(Tensor3.from(data(rOut, out.get(0).shape().dims()), AD)).sum()
                    .add(out.get(1).mul(Tensor3.from(data(rH, stateShape(s).dims()), AD)).sum());
            if (lstm) {
                loss = loss.add(out.get(2).mul(Tensor3.from(data(rC, stateShape(s).dims()), AD)).sum());
            }
            Loss reference = (params, xs, hs, cs) -> {
                double[][] r = Reference.recurrent(s, params, xs, L, B, hs, cs);
                return Support.dot(rOut, r[0]) + Support.dot(rH, r[1]) + (lstm ? Support.dot(rC, r[2]) : 0);
            };
            assertEquals(reference.apply(p, x, h0, c0), loss.item(), 1e-12, "loss");
            try (Grads grads = loss.backward()) {
                assertClose(Support.numericGrad(v -> reference.apply(p, v, h0, c0), x), grads.get(input).toDoubleArray(), 1e-6);
                assertClose(Support.numericGrad(v -> reference.apply(p, x, v, c0), h0), grads.get(h0t).toDoubleArray(), 1e-6);
                if (lstm) {
                    assertClose(Support.numericGrad(v -> reference.apply(p, x, h0, v), c0), grads.get(c0t).toDoubleArray(), 1e-6);
                }
                List<String> checked = new ArrayList<>();
                layer.namedParameters().forEach((name, param) -> {
                    double[] numeric = Support.numericGrad(v -> {
                        Map<String, double[]> changed = new LinkedHashMap<>(p);
                        changed.put(name, v);
                        return reference.apply(changed, x, h0, c0);
                    }, p.get(name));
                    assertClose(numeric, gradient(grads, param), 1e-6);
                    checked.add(name);
                });
                assertEquals(16, checked.size());
            }
        }
    }

    private static <T extends FloatTensor<T, ?, ?>> double[] gradient(Grads grads, Param<T> param) {
        return grads.get(param.value()).toDoubleArray();
    }

    private interface Loss {
        double apply(Map<String, double[]> params, double[] x, double[] h0, double[] c0);
    }

    @ParameterizedTest(name = "lstm={0}")
    @ValueSource(booleans = {true, false})
    void dropoutActsBetweenLayersInTrainingOnly(boolean lstm) {
        Rnn deep = new Rnn(lstm, IN, H, 2, true, false);
        TensorOptions options = f64(CPU).withGenerator(Generator.of(7));
        try (Recurrent layer = create(deep, 0.5, options); Recurrent single = create(new Rnn(lstm, IN, H, 1, false, false), 0.5, options);
                TensorScope scope = TensorScope.open()) {
            double[] x = randoms(L * B * IN, 80);
            Tensor3 input = Tensor3.from(data(x, L, B, IN), CPU);
            double[][] expected = Reference.recurrent(deep, values(layer), x, L, B, null, null);
            List<Tensor3> first = forward(layer, input, null, null);
            List<Tensor3> second = forward(layer, input, null, null);
            assertFalse(Arrays.equals(expected[0], first.get(0).toDoubleArray()), "training drops the first layer's outputs");
            assertFalse(Arrays.equals(first.get(0).toDoubleArray(), second.get(0).toDoubleArray()), "fresh masks each pass");
            // The first layer's final states are computed before any dropout.
            int firstLayer = 2 * B * H;
            assertClose(Arrays.copyOf(expected[1], firstLayer), Arrays.copyOf(first.get(1).toDoubleArray(), firstLayer), 1e-12);
            layer.eval();
            assertClose(expected[0], forward(layer, input, null, null).get(0).toDoubleArray(), 1e-12);
            // No dropout after the last layer: a single layer is unaffected in training mode.
            assertClose(Reference.recurrent(new Rnn(lstm, IN, H, 1, false, false), values(single), x, L, B, null, null)[0],
                    forward(single, input, null, null).get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void badShapesAndConfigsGetClearErrors() {
        try (Lstm lstm = LstmConfig.of(IN, H).withNumLayers(2).withBidirectional(true).init(f64(CPU));
                Gru gru = GruConfig.of(IN, H).withBatchFirst(true).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            Tensor3 x = Tensor3.zeros(Shape.of(L, B, IN), f64(CPU));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lstm.forward(Tensor3.zeros(Shape.of(L, B, IN + 1), f64(CPU))));
            assertTrue(e.getMessage().startsWith("Lstm:") && e.getMessage().contains("expected " + IN), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, Tensor3.zeros(Shape.of(2, B, H), f64(CPU)), null));
            assertTrue(e.getMessage().startsWith("Lstm: h0 [2, 2, 2] must be [4, 2, 2]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> lstm.forward(x, null, Tensor3.zeros(Shape.of(4, B + 1, H), f64(CPU))));
            assertTrue(e.getMessage().startsWith("Lstm: c0 [4, 3, 2] must be [4, 2, 2]"), e.getMessage());
            // Batch first: [B, L, in], so the batch of h0 is the input's first dimension.
            e = assertThrows(IllegalArgumentException.class, () -> gru.forward(x, Tensor3.zeros(Shape.of(1, B, H), f64(CPU))));
            assertTrue(e.getMessage().startsWith("Gru: h0 [1, 2, 2] must be [1, 3, 2]"), e.getMessage());
            assertEquals(Shape.of(L, B, H), gru.forward(x).output().shape());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LstmConfig.of(3, 0));
        assertTrue(e.getMessage().contains("Lstm") && e.getMessage().contains("hiddenSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GruConfig.of(3, 2).withDropout(1.5));
        assertTrue(e.getMessage().contains("Gru") && e.getMessage().contains("dropout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GruConfig.of(3, 2).withNumLayers(0));
    }

    @Test
    void singlePrecisionAndResultsCloseTheirTensors() {
        try (Lstm lstm = LstmConfig.of(IN, H).init(TensorOptions.on(CPU).withGenerator(Generator.of(3)));
                Tensor3 x = Tensor3.zeros(Shape.of(L, B, IN), TensorOptions.on(CPU))) {
            LstmOutput out = lstm.forward(x);
            assertEquals(DType.F32, out.output().dtype());
            out.close();
            assertTrue(out.output().isClosed() && out.hn().isClosed() && out.cn().isClosed());
        }
    }
}
