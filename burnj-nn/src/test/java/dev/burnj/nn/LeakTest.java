package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.IntTensor2;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Layers must not leave native tensors or graph nodes behind: after forward and backward passes whose results are
 * closed, the backend's live-tensor count and the autodiff graph return to their baseline.
 */
class LeakTest {
    private static long liveTensors() {
        return AD.backend().memoryStats().liveTensors();
    }

    private static long liveNodes() {
        return AD.backend().autodiffOps().liveNodes();
    }

    /** Runs {@code step} (which must close everything it creates except module state) and checks the counts. */
    private static void assertNoLeak(String layer, Runnable step) {
        step.run();
        settleGarbage();
        long tensors = liveTensors();
        long nodes = liveNodes();
        for (int i = 0; i < 5; i++) {
            step.run();
        }
        // The counts are process-wide and the GC fallback may free other tests' garbage meanwhile, so they may only drop.
        assertTrue(liveTensors() <= tensors, layer + ": live tensors grew from " + tensors + " to " + liveTensors());
        assertTrue(liveNodes() <= nodes, layer + ": live graph nodes grew from " + nodes + " to " + liveNodes());
    }

    /** Lets the GC fallback free earlier tests' unreachable tensors before a baseline is taken. */
    private static void settleGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A gradient leaf with the values of {@code t}, closing {@code t}. */
    private static <T extends dev.burnj.tensor.FloatTensor<T, ?, ?>> T leaf(T t) {
        try (t) {
            return t.requireGrad();
        }
    }

    /** A forward pass on a fresh input followed by backward, with only the output closed directly by the caller. */
    private static <I extends dev.burnj.tensor.FloatTensor<I, ?, ?>> Runnable step(Function<TensorOptions, I> input, Function<I, ?> layer) {
        return () -> {
            try (I x = input.apply(f64(AD))) {
                Object out = layer.apply(x);
                dev.burnj.tensor.FloatTensor<?, ?, ?> y = (dev.burnj.tensor.FloatTensor<?, ?, ?>) out;
                try (y; dev.burnj.tensor.Tensor1 loss = y.sum(); Grads grads = loss.backward()) {
                    assertEquals(1, loss.numel());
                }
            }
        };
    }

    @Test
    void layersCloseTheirTemporaries() {
        Function<TensorOptions, Tensor2> rows = o -> leaf(Tensor2.randn(Shape.of(4, 6), o));
        Function<TensorOptions, Tensor3> seq = o -> leaf(Tensor3.randn(Shape.of(2, 6, 5), o));
        Function<TensorOptions, Tensor4> image = o -> leaf(Tensor4.randn(Shape.of(2, 6, 4, 4), o));

        Linear linear = LinearConfig.of(6, 3).init(f64(AD));
        assertNoLeak("Linear", step(rows, linear::forward));
        assertNoLeak("Linear (sequence)", step(o -> leaf(Tensor3.randn(Shape.of(2, 3, 6), o)), linear::forward));
        Conv1d conv1d = Conv1dConfig.of(6, 2, 3).init(f64(AD));
        assertNoLeak("Conv1d", step(seq, conv1d::forward));
        Conv2d conv = Conv2dConfig.of(6, 2, 3).init(f64(AD));
        assertNoLeak("Conv2d", step(image, conv::forward));
        ConvTranspose2d up = ConvTranspose2dConfig.of(6, 2, 2).withStride(2).init(f64(AD));
        assertNoLeak("ConvTranspose2d", step(image, up::forward));
        assertNoLeak("MaxPool2d", step(image, MaxPool2dConfig.of(2).init()::forward));
        assertNoLeak("AvgPool1d", step(seq, AvgPool1dConfig.of(2).init()::forward));
        assertNoLeak("AdaptiveAvgPool2d", step(image, AdaptiveAvgPool2dConfig.of(3).init()::forward));
        assertNoLeak("Upsample", step(image, UpsampleConfig.ofScale(2).withMode(InterpolateMode.BILINEAR).init()::forward));
        Dropout dropout = DropoutConfig.of(0.5).init(Generator.of(1));
        assertNoLeak("Dropout", step(image, dropout::forward));
        BatchNorm2d bn = BatchNormConfig.of(6).init2d(f64(AD));
        assertNoLeak("BatchNorm2d (train)", step(image, bn::forward));
        bn.eval();
        assertNoLeak("BatchNorm2d (eval)", step(image, bn::forward));
        assertNoLeak("LayerNorm", step(seq, LayerNormConfig.of(5).init(f64(AD))::forward));
        assertNoLeak("GroupNorm", step(image, GroupNormConfig.of(3, 6).init(f64(AD))::forward));
        assertNoLeak("RmsNorm", step(rows, RmsNormConfig.of(6).init(f64(AD))::forward));
        Gelu gelu = GeluConfig.of().init();
        assertNoLeak("Gelu", step(rows, gelu::forward));
        Relu relu = new Relu();
        Sequential<Tensor2> mlp = Sequential.builder(Tensor2.class).add(linear, linear::forward).add(relu, relu::forward).build();
        assertNoLeak("Sequential", step(rows, mlp::forward));
        MultiHeadAttention mha = MultiHeadAttentionConfig.of(5, 1).withDropout(0.2).init(f64(AD));
        assertNoLeak("MultiHeadAttention", step(o -> leaf(Tensor3.randn(Shape.of(2, 3, 5), o)), x -> mha.forward(x, x, x)));
        TransformerEncoder encoder = TransformerEncoderConfig.of(TransformerEncoderLayerConfig.of(4, 2).withDimFeedforward(6).withDropout(0.2), 2)
                .withNorm(LayerNormConfig.of(4)).init(f64(AD));
        try (dev.burnj.tensor.BoolTensor2 causal = TransformerEncoder.causalMask(3, AD)) {
            assertNoLeak("TransformerEncoder", step(o -> leaf(Tensor3.randn(Shape.of(2, 3, 4), o)), x -> encoder.forward(x, causal, null)));
        }
        PositionalEncoding positions = PositionalEncodingConfig.of(4).withMaxLength(8).init(TensorOptions.on(Support.CPU));
        assertNoLeak("PositionalEncoding (table on another device)", step(o -> leaf(Tensor3.randn(Shape.of(2, 3, 4), o)), positions::forward));
        Embedding embedding = EmbeddingConfig.of(10, 4).init(f64(AD));
        assertNoLeak("Embedding", () -> {
            try (IntTensor2 ids = IntTensor2.of(new long[][] {{1, 2}, {3, 1}}, TensorOptions.on(AD));
                    Tensor3 out = embedding.forward(ids); dev.burnj.tensor.Tensor1 loss = out.sum(); Grads grads = loss.backward()) {
                assertEquals(1, loss.numel());
            }
        });
        Lstm lstm = LstmConfig.of(5, 3).withNumLayers(2).withBidirectional(true).withDropout(0.3).init(f64(AD));
        assertNoLeak("Lstm", () -> {
            try (Tensor3 x = leaf(Tensor3.randn(Shape.of(4, 2, 5), f64(AD))); LstmOutput out = lstm.forward(x);
                    dev.burnj.tensor.Tensor1 loss = out.output().sum(); Grads grads = loss.backward()) {
                assertEquals(1, loss.numel());
            }
        });
        Gru gru = GruConfig.of(5, 3).withBatchFirst(true).init(f64(AD));
        assertNoLeak("Gru", () -> {
            try (Tensor3 x = leaf(Tensor3.randn(Shape.of(2, 4, 5), f64(AD))); Tensor3 h0 = Tensor3.randn(Shape.of(1, 2, 3), f64(AD));
                    GruOutput out = gru.forward(x, h0); dev.burnj.tensor.Tensor1 loss = out.hn().sum(); Grads grads = loss.backward()) {
                assertEquals(1, loss.numel());
            }
        });
        try (TensorScope scope = TensorScope.open()) {
            assertEquals(0, scope.size());
        }
    }
}
