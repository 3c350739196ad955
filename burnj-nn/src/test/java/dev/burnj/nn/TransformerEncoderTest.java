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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerEncoderTest {
    private static final int B = 2, L = 4, E = 4, H = 2, FF = 6;
    private static final double EPS = 1e-5;
    private static final boolean[][] PADDING = {{false, false, false, true}, {false, false, true, true}};

    private static TransformerEncoderLayerConfig layerConfig(TransformerActivation activation, boolean normFirst) {
        return TransformerEncoderLayerConfig.of(E, H).withDimFeedforward(FF).withDropout(0.3).withActivation(activation).withNormFirst(normFirst);
    }

    /** Replaces every parameter by Gaussian values (scaled by 0.7), so that each bias and norm affine shows in the output. */
    private static void randomise(Module module, long seed) {
        for (Param<?> p : module.parameters()) {
            fill(p, randoms((int) p.numel(), seed++));
        }
    }

    private static <T extends FloatTensor<T, ?, ?>> void fill(Param<T> p, double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= 0.7;
        }
        try (TensorScope scope = TensorScope.open()) {
            T value = Tensor1.from(data(values, values.length), p.device()).reshape(p.shape(), p.value().rankWitness());
            p.set(value);
        }
    }

    /** Every parameter's values, in state-dict order. */
    private static double[][] values(Module module) {
        return module.parameters().stream().map(p -> p.value().toDoubleArray()).toArray(double[][]::new);
    }

    /** Causal and/or padding masks combined per batch row, as the plain reference takes them. */
    private static boolean[][][] combined(boolean causal, boolean padding) {
        boolean[][][] masked = new boolean[B][L][L];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < L; i++) {
                for (int j = 0; j < L; j++) {
                    masked[b][i][j] = (causal && j > i) || (padding && PADDING[b][j]);
                }
            }
        }
        return masked;
    }

    private static double[] referenceLayer(double[] x, double[][] p, TransformerEncoderLayerConfig c, boolean[][][] masked) {
        return Reference.transformerEncoderLayer(x, B, L, E, c.numHeads(), c.dimFeedforward(), p, c.activation() == TransformerActivation.GELU,
                c.normFirst(), c.layerNormEps(), masked);
    }

    /** The plain reference of an encoder: the layers' parameters come in blocks of 12, then the final norm's two. */
    private static double[] referenceEncoder(double[] x, double[][] p, TransformerEncoderConfig c, boolean[][][] masked) {
        double[] y = x;
        for (int i = 0; i < c.numLayers(); i++) {
            y = referenceLayer(y, Arrays.copyOfRange(p, 12 * i, 12 * i + 12), c.layer(), masked);
        }
        if (c.norm() != null) {
            int n = 12 * c.numLayers();
            y = Reference.layerNorm(y, B * L, E, p[n], p[n + 1], c.norm().eps());
        }
        return y;
    }

    @Test
    void stateNamesMatchPytorchForATwoLayerEncoderWithFinalNorm() {
        TransformerEncoderConfig config = TransformerEncoderConfig.of(layerConfig(TransformerActivation.RELU, false), 2)
                .withNorm(LayerNormConfig.of(E));
        try (TransformerEncoder encoder = config.init(f64(CPU))) {
            // list(nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 6, batch_first=True), 2, norm=nn.LayerNorm(4)).state_dict())
            List<String> expected = List.of(
                    "layers.0.self_attn.in_proj_weight", "layers.0.self_attn.in_proj_bias", "layers.0.self_attn.out_proj.weight",
                    "layers.0.self_attn.out_proj.bias", "layers.0.linear1.weight", "layers.0.linear1.bias",
                    "layers.0.linear2.weight", "layers.0.linear2.bias", "layers.0.norm1.weight",
                    "layers.0.norm1.bias", "layers.0.norm2.weight", "layers.0.norm2.bias",
                    "layers.1.self_attn.in_proj_weight", "layers.1.self_attn.in_proj_bias", "layers.1.self_attn.out_proj.weight",
                    "layers.1.self_attn.out_proj.bias", "layers.1.linear1.weight", "layers.1.linear1.bias",
                    "layers.1.linear2.weight", "layers.1.linear2.bias", "layers.1.norm1.weight",
                    "layers.1.norm1.bias", "layers.1.norm2.weight", "layers.1.norm2.bias",
                    "norm.weight", "norm.bias");
            assertEquals(expected, List.copyOf(encoder.namedState().keySet()));
            Map<String, Param<?>> params = encoder.namedParameters();
            assertEquals(Shape.of(3 * E, E), params.get("layers.1.self_attn.in_proj_weight").shape());
            assertEquals(Shape.of(FF, E), params.get("layers.0.linear1.weight").shape());
            assertEquals(Shape.of(E, FF), params.get("layers.0.linear2.weight").shape());
            assertEquals(Shape.of(FF), params.get("layers.0.linear1.bias").shape());
            assertTrue(encoder.namedBuffers().isEmpty());
            assertTrue(encoder.namedModules().keySet().containsAll(List.of("layers.0.dropout", "layers.0.dropout1", "layers.0.dropout2")));
            assertFalse(Arrays.equals(encoder.layers().get(0).linear1().weight().value().toDoubleArray(),
                    encoder.layers().get(1).linear1().weight().value().toDoubleArray()), "layers are initialised independently");
        }
        try (TransformerEncoder plain = TransformerEncoderConfig.of(layerConfig(TransformerActivation.RELU, false), 1).init(f64(CPU))) {
            assertEquals(12, plain.namedState().size());
            assertEquals(null, plain.norm());
        }
    }

    @Test
    void causalMaskIsTrueAboveTheDiagonal() {
        try (BoolTensor2 mask = TransformerEncoder.causalMask(3, CPU)) {
            assertEquals(Shape.of(3, 3), mask.shape());
            assertArrayEquals(new boolean[] {false, true, true, false, false, true, false, false, false}, mask.toBooleanArray());
        }
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoder.causalMask(0, CPU));
    }

    @Test
    void layerForwardMatchesThePlainReferenceForEveryVariant() {
        double[] x = randoms(B * L * E, 70);
        for (boolean normFirst : new boolean[] {false, true}) {
            for (TransformerActivation activation : TransformerActivation.values()) {
                TransformerEncoderLayerConfig config = layerConfig(activation, normFirst);
                String variant = activation + (normFirst ? " pre-norm" : " post-norm");
                try (TransformerEncoderLayer layer = config.init(f64(CPU)); TensorScope scope = TensorScope.open()) {
                    randomise(layer, 71);
                    layer.eval();
                    double[][] p = values(layer);
                    Tensor3 src = Tensor3.from(data(x, B, L, E), CPU);
                    Tensor3 out = layer.forward(src);
                    assertEquals(Shape.of(B, L, E), out.shape());
                    assertClose(referenceLayer(x, p, config, null), out.toDoubleArray(), 1e-10);
                    BoolTensor2 causal = TransformerEncoder.causalMask(L, CPU);
                    BoolTensor2 padding = BoolTensor2.of(PADDING, TensorOptions.on(CPU));
                    assertClose(referenceLayer(x, p, config, combined(true, true)), layer.forward(src, causal, padding).toDoubleArray(), 1e-10);
                    assertClose(referenceLayer(x, p, config, combined(false, true)), layer.forward(src, null, padding).toDoubleArray(), 1e-10);
                    double[] causalOnly = layer.forward(src, causal, null).toDoubleArray();
                    assertClose(referenceLayer(x, p, config, combined(true, false)), causalOnly, 1e-10);
                    assertFalse(Arrays.equals(causalOnly, out.toDoubleArray()), variant + ": the mask changes the output");
                }
            }
        }
        // Dropout 0 in training mode is the same computation.
        TransformerEncoderLayerConfig config = layerConfig(TransformerActivation.GELU, false).withDropout(0);
        try (TransformerEncoderLayer layer = config.init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            randomise(layer, 72);
            assertTrue(layer.isTraining());
            assertClose(referenceLayer(x, values(layer), config, null), layer.forward(Tensor3.from(data(x, B, L, E), CPU)).toDoubleArray(), 1e-10);
        }
    }

    /** d(sum(r · module(x))) w.r.t. x and every parameter, against central differences of the plain reference. */
    private static void checkGradients(Module module, Forward forward, Reference3 reference, long seed) {
        randomise(module, seed);
        double[] x = randoms(B * L * E, seed + 100);
        double[] r = randoms(B * L * E, seed + 101);
        double[][] p = values(module);
        List<Param<?>> params = module.parameters();
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 src = Tensor3.from(data(x, B, L, E), AD).requireGrad();
            Tensor1 loss = forward.apply(src).mul(Tensor3.from(data(r, B, L, E), AD)).sum();
            try (Grads grads = loss.backward()) {
                assertClose(Support.numericGrad(v -> Support.dot(r, reference.apply(v, p)), x), grads.get(src).toDoubleArray(), 1e-6);
                for (int i = 0; i < p.length; i++) {
                    int k = i;
                    double[] numeric = Support.numericGrad(v -> {
                        double[][] perturbed = p.clone();
                        perturbed[k] = v;
                        return Support.dot(r, reference.apply(x, perturbed));
                    }, p[k]);
                    assertClose(numeric, gradient(grads, params.get(k)), 1e-6);
                }
            }
        }
    }

    private static <T extends FloatTensor<T, ?, ?>> double[] gradient(Grads grads, Param<T> p) {
        return grads.get(p.value()).toDoubleArray();
    }

    private interface Forward {
        Tensor3 apply(Tensor3 src);
    }

    private interface Reference3 {
        double[] apply(double[] x, double[][] params);
    }

    @Test
    void layerGradientsMatchFiniteDifferences() {
        for (boolean normFirst : new boolean[] {false, true}) {
            // Both activations and both norm placements, each with both masks.
            TransformerActivation activation = normFirst ? TransformerActivation.RELU : TransformerActivation.GELU;
            TransformerEncoderLayerConfig config = layerConfig(activation, normFirst).withDropout(0);
            boolean[][][] masked = combined(true, true);
            try (TransformerEncoderLayer layer = config.init(f64(AD)); BoolTensor2 causal = TransformerEncoder.causalMask(L, AD);
                    BoolTensor2 padding = BoolTensor2.of(PADDING, TensorOptions.on(AD))) {
                checkGradients(layer, src -> layer.forward(src, causal, padding), (x, p) -> referenceLayer(x, p, config, masked), normFirst ? 80 : 90);
            }
        }
    }

    @Test
    void encoderStacksLayersThenTheFinalNorm() {
        for (boolean normFirst : new boolean[] {false, true}) {
            TransformerEncoderConfig config = TransformerEncoderConfig.of(layerConfig(TransformerActivation.GELU, normFirst), 2)
                    .withNorm(LayerNormConfig.of(E).withEps(1e-4));
            double[] x = randoms(B * L * E, 100);
            try (TransformerEncoder encoder = config.init(f64(CPU)); TensorScope scope = TensorScope.open()) {
                randomise(encoder, 101);
                encoder.eval();
                double[][] p = values(encoder);
                Tensor3 src = Tensor3.from(data(x, B, L, E), CPU);
                assertClose(referenceEncoder(x, p, config, null), encoder.forward(src).toDoubleArray(), 1e-10);
                Tensor3 masked = encoder.forward(src, TransformerEncoder.causalMask(L, CPU), BoolTensor2.of(PADDING, TensorOptions.on(CPU)));
                assertClose(referenceEncoder(x, p, config, combined(true, true)), masked.toDoubleArray(), 1e-10);
                // The same as applying the modules one after the other.
                Tensor3 manual = encoder.norm().forward(encoder.layers().get(1).forward(encoder.layers().get(0).forward(src)));
                assertArrayEquals(manual.toDoubleArray(), encoder.forward(src).toDoubleArray());
            }
        }
    }

    @Test
    void encoderGradientsMatchFiniteDifferences() {
        TransformerEncoderConfig config = TransformerEncoderConfig.of(layerConfig(TransformerActivation.RELU, true).withDropout(0), 2)
                .withNorm(LayerNormConfig.of(E));
        boolean[][][] masked = combined(false, true);
        try (TransformerEncoder encoder = config.init(f64(AD)); BoolTensor2 padding = BoolTensor2.of(PADDING, TensorOptions.on(AD))) {
            checkGradients(encoder, src -> encoder.forward(src, null, padding), (x, p) -> referenceEncoder(x, p, config, masked), 110);
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        double[] x = randoms(B * L * E, 120);
        try (TransformerEncoderLayer layer = layerConfig(TransformerActivation.RELU, false).withDropout(0.5).init(f64(CPU));
                TensorScope scope = TensorScope.open()) {
            randomise(layer, 121);
            Tensor3 src = Tensor3.from(data(x, B, L, E), CPU);
            double[] train = layer.forward(src).toDoubleArray();
            assertFalse(Arrays.equals(train, layer.forward(src).toDoubleArray()), "fresh masks each training step");
            layer.eval();
            double[] eval = layer.forward(src).toDoubleArray();
            assertArrayEquals(eval, layer.forward(src).toDoubleArray(), "eval is deterministic");
            assertFalse(Arrays.equals(train, eval));
            assertClose(referenceLayer(x, values(layer), layer.config(), null), eval, 1e-10);
        }
    }

    @Test
    void dropoutOfOneRemovesBothBlocksButNotTheResidualPath() {
        // dropout1 and dropout2 zero each block's output, so only the residuals (and, post-norm, the norms) remain.
        double[] x = randoms(B * L * E, 130);
        for (boolean normFirst : new boolean[] {false, true}) {
            try (TransformerEncoderLayer layer = layerConfig(TransformerActivation.RELU, normFirst).withDropout(1).init(f64(CPU));
                    TensorScope scope = TensorScope.open()) {
                randomise(layer, 131);
                double[][] p = values(layer);
                double[] expected = normFirst ? x : Reference.layerNorm(Reference.layerNorm(x, B * L, E, p[8], p[9], EPS), B * L, E, p[10], p[11], EPS);
                assertClose(expected, layer.forward(Tensor3.from(data(x, B, L, E), CPU)).toDoubleArray(), 1e-10);
            }
        }
    }

    @Test
    void dropoutOfOneInsideTheBlocksLeavesOnlyTheirOutputBiases() {
        // With dropout1 and dropout2 in eval mode, the attention-weight dropout leaves out_proj.bias of the attention
        // and the dropout after the activation leaves linear2.bias of the feed-forward block.
        double[] x = randoms(B * L * E, 140);
        try (TransformerEncoderLayer layer = layerConfig(TransformerActivation.GELU, false).withDropout(1).init(f64(CPU));
                TensorScope scope = TensorScope.open()) {
            randomise(layer, 141);
            layer.namedModules().get("dropout1").eval();
            layer.namedModules().get("dropout2").eval();
            double[][] p = values(layer);
            double[] attention = new double[x.length];
            double[] feedForward = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                attention[i] = p[3][i % E];
                feedForward[i] = p[7][i % E];
            }
            double[] x1 = Reference.layerNorm(Reference.add(x, attention), B * L, E, p[8], p[9], EPS);
            double[] expected = Reference.layerNorm(Reference.add(x1, feedForward), B * L, E, p[10], p[11], EPS);
            assertClose(expected, layer.forward(Tensor3.from(data(x, B, L, E), CPU)).toDoubleArray(), 1e-10);
        }
    }

    @Test
    void badShapesAndConfigsAreRejectedWithClearMessages() {
        try (TransformerEncoder encoder = TransformerEncoderConfig.of(layerConfig(TransformerActivation.RELU, false), 1).init(f64(CPU));
                TensorScope scope = TensorScope.open()) {
            TransformerEncoderLayer layer = encoder.layers().get(0);
            Tensor3 wrongWidth = Tensor3.zeros(Shape.of(B, L, E + 1), f64(CPU));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(wrongWidth));
            assertTrue(e.getMessage().startsWith("TransformerEncoderLayer:") && e.getMessage().contains("expected " + E), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> encoder.forward(wrongWidth));
            assertTrue(e.getMessage().startsWith("TransformerEncoder:"), e.getMessage());
            Tensor3 src = Tensor3.zeros(Shape.of(B, L, E), f64(CPU));
            e = assertThrows(IllegalArgumentException.class, () -> layer.forward(src, TransformerEncoder.causalMask(L + 1, CPU), null));
            assertTrue(e.getMessage().contains("srcMask [5, 5] must be [4, 4]"), e.getMessage());
            BoolTensor2 padding = BoolTensor2.full(Shape.of(B + 1, L), false, TensorOptions.on(CPU));
            e = assertThrows(IllegalArgumentException.class, () -> encoder.forward(src, null, padding));
            assertTrue(e.getMessage().contains("TransformerEncoder: srcKeyPaddingMask [3, 4] must be [2, 4]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformerEncoderLayerConfig.of(6, 4));
        assertTrue(e.getMessage().contains("dModel 6 must be divisible by numHeads 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoderLayerConfig.of(4, 2).withDropout(1.5));
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoderLayerConfig.of(4, 2).withLayerNormEps(0));
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoderLayerConfig.of(4, 2).withDimFeedforward(0));
        assertThrows(NullPointerException.class, () -> TransformerEncoderLayerConfig.of(4, 2).withActivation(null));
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoderConfig.of(TransformerEncoderLayerConfig.of(4, 2), 0));
        e = assertThrows(IllegalArgumentException.class,
                () -> TransformerEncoderConfig.of(TransformerEncoderLayerConfig.of(4, 2), 1).withNorm(LayerNormConfig.of(5)));
        assertTrue(e.getMessage().contains("expected dModel 4"), e.getMessage());
    }

    @Test
    void defaultsMatchPytorch() {
        TransformerEncoderLayerConfig c = TransformerEncoderLayerConfig.of(512, 8);
        assertEquals(new TransformerEncoderLayerConfig(512, 8, 2048, 0.1, TransformerActivation.RELU, 1e-5, false), c);
        assertEquals(null, TransformerEncoderConfig.of(c, 6).norm());
    }
}
