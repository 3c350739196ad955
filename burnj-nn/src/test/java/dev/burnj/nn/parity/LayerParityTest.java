package dev.burnj.nn.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.nn.AdaptiveAvgPool2dConfig;
import dev.burnj.nn.AvgPool1dConfig;
import dev.burnj.nn.AvgPool2dConfig;
import dev.burnj.nn.BatchNorm1d;
import dev.burnj.nn.BatchNormConfig;
import dev.burnj.nn.Conv1dConfig;
import dev.burnj.nn.Conv2dConfig;
import dev.burnj.nn.ConvTranspose2dConfig;
import dev.burnj.nn.EmbeddingConfig;
import dev.burnj.nn.Flatten;
import dev.burnj.nn.FlattenConfig;
import dev.burnj.nn.GeluConfig;
import dev.burnj.nn.GroupNormConfig;
import dev.burnj.nn.Gru;
import dev.burnj.nn.GruConfig;
import dev.burnj.nn.GruOutput;
import dev.burnj.nn.LayerNormConfig;
import dev.burnj.nn.LeakyReluConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.LogSoftmaxConfig;
import dev.burnj.nn.Lstm;
import dev.burnj.nn.LstmConfig;
import dev.burnj.nn.LstmOutput;
import dev.burnj.nn.MaxPool1dConfig;
import dev.burnj.nn.MaxPool2dConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.MultiHeadAttention;
import dev.burnj.nn.MultiHeadAttentionConfig;
import dev.burnj.nn.Relu;
import dev.burnj.nn.Sigmoid;
import dev.burnj.nn.Silu;
import dev.burnj.nn.SoftmaxConfig;
import dev.burnj.nn.Tanh;
import dev.burnj.nn.TransformerActivation;
import dev.burnj.nn.TransformerEncoder;
import dev.burnj.nn.TransformerEncoderConfig;
import dev.burnj.nn.TransformerEncoderLayer;
import dev.burnj.nn.TransformerEncoderLayerConfig;
import dev.burnj.nn.UpsampleConfig;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.TensorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer fixture in {@code parity/layers} against burnj, in F64 on the autodiff device. {@link #CASES} maps the
 * fixture's torch.nn class to how burnj builds that layer from the fixture's config and calls it; adding a layer is
 * one entry there.
 */
class LayerParityTest {
    static final Device AD = Device.of("nd4j").autodiff();
    static final TensorOptions F64 = TensorOptions.on(AD).withDType(DType.F64);

    /** How one torch.nn class is built in burnj from its constructor arguments and called on the fixture's inputs. */
    record Case<M extends Module>(Function<JsonNode, M> build, BiFunction<M, Inputs, Map<String, FloatTensor<?, ?, ?>>> forward) {
        static <M extends Module> Case<M> of(Function<JsonNode, M> build, BiFunction<M, Inputs, FloatTensor<?, ?, ?>> forward) {
            return new Case<>(build, (m, in) -> Map.of("output", forward.apply(m, in)));
        }
    }

    static final Map<String, Case<?>> CASES = Map.ofEntries(
            Map.entry("Linear", Case.of(c -> LinearConfig.of(c.get("in_features").asInt(), c.get("out_features").asInt())
                    .withBias(c.path("bias").asBoolean(true)).init(F64), (Linear m, Inputs in) -> in.rank("input") == 2
                            ? m.forward(in.t2("input")) : m.forward(in.t3("input")))),
            Map.entry("Conv1d", Case.of(c -> Conv1dConfig.of(c.get("in_channels").asInt(), c.get("out_channels").asInt(),
                    c.get("kernel_size").asInt()).withStride(c.path("stride").asInt(1)).withPadding(c.path("padding").asInt(0))
                    .withDilation(c.path("dilation").asInt(1)).withGroups(c.path("groups").asInt(1))
                    .withBias(c.path("bias").asBoolean(true)).init(F64), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("Conv2d", Case.of(c -> Conv2dConfig.of(c.get("in_channels").asInt(), c.get("out_channels").asInt(),
                    c.get("kernel_size").asInt()).withStride(c.path("stride").asInt(1)).withPadding(c.path("padding").asInt(0))
                    .withDilation(c.path("dilation").asInt(1)).withGroups(c.path("groups").asInt(1))
                    .withBias(c.path("bias").asBoolean(true)).init(F64), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("ConvTranspose2d", Case.of(c -> ConvTranspose2dConfig.of(c.get("in_channels").asInt(),
                    c.get("out_channels").asInt(), c.get("kernel_size").asInt()).withStride(c.path("stride").asInt(1))
                    .withPadding(c.path("padding").asInt(0)).withOutputPadding(c.path("output_padding").asInt(0))
                    .withDilation(c.path("dilation").asInt(1)).withGroups(c.path("groups").asInt(1))
                    .withBias(c.path("bias").asBoolean(true)).init(F64), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("MaxPool1d", Case.of(c -> MaxPool1dConfig.of(c.get("kernel_size").asInt())
                    .withStride(c.path("stride").asInt(c.get("kernel_size").asInt())).withPadding(c.path("padding").asInt(0))
                    .withDilation(c.path("dilation").asInt(1)).withCeilMode(c.path("ceil_mode").asBoolean(false)).init(),
                    (m, in) -> m.forward(in.t3("input")))),
            Map.entry("MaxPool2d", Case.of(c -> MaxPool2dConfig.of(c.get("kernel_size").asInt())
                    .withStride(c.path("stride").asInt(c.get("kernel_size").asInt())).withPadding(c.path("padding").asInt(0))
                    .withDilation(c.path("dilation").asInt(1)).withCeilMode(c.path("ceil_mode").asBoolean(false)).init(),
                    (m, in) -> m.forward(in.t4("input")))),
            Map.entry("AvgPool1d", Case.of(c -> AvgPool1dConfig.of(c.get("kernel_size").asInt())
                    .withStride(c.path("stride").asInt(c.get("kernel_size").asInt())).withPadding(c.path("padding").asInt(0))
                    .withCeilMode(c.path("ceil_mode").asBoolean(false)).withCountIncludePad(c.path("count_include_pad").asBoolean(true))
                    .init(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("AvgPool2d", Case.of(c -> AvgPool2dConfig.of(c.get("kernel_size").asInt())
                    .withStride(c.path("stride").asInt(c.get("kernel_size").asInt())).withPadding(c.path("padding").asInt(0))
                    .withCeilMode(c.path("ceil_mode").asBoolean(false)).withCountIncludePad(c.path("count_include_pad").asBoolean(true))
                    .init(), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("AdaptiveAvgPool2d", Case.of(c -> AdaptiveAvgPool2dConfig.of(c.get("output_size").get(0).asInt(),
                    c.get("output_size").get(1).asInt()).init(), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("Upsample", Case.of(c -> (c.has("size") ? UpsampleConfig.ofSize(c.get("size").get(0).asInt(), c.get("size").get(1).asInt())
                    : UpsampleConfig.ofScale(c.get("scale_factor").asDouble())).withMode(InterpolateMode.valueOf(c.get("mode").asText()
                            .toUpperCase(java.util.Locale.ROOT))).init(), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("BatchNorm1d", Case.of(c -> batchNorm(c).init1d(F64), (BatchNorm1d m, Inputs in) -> in.rank("input") == 2
                    ? m.forward(in.t2("input")) : m.forward(in.t3("input")))),
            Map.entry("BatchNorm2d", Case.of(c -> batchNorm(c).init2d(F64), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("LayerNorm", Case.of(c -> LayerNormConfig.of(c.get("normalized_shape").asInt()).withEps(c.get("eps").asDouble())
                    .init(F64), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("GroupNorm", Case.of(c -> GroupNormConfig.of(c.get("num_groups").asInt(), c.get("num_channels").asInt())
                    .withEps(c.get("eps").asDouble()).init(F64), (m, in) -> m.forward(in.t4("input")))),
            Map.entry("Embedding", Case.of(c -> EmbeddingConfig.of(c.get("num_embeddings").asInt(), c.get("embedding_dim").asInt())
                    .init(F64), (m, in) -> m.forward(in.i2("input")))),
            Map.entry("Flatten", Case.of(c -> FlattenConfig.of().withStartDim(c.get("start_dim").asInt()).withEndDim(c.get("end_dim").asInt())
                    .init(), (Flatten m, Inputs in) -> flattenedRank(m, in.rank("input")) == 2
                            ? m.forward(in.t4("input"), Rank.R2) : m.forward(in.t4("input"), Rank.R3))),
            Map.entry("ReLU", Case.of(c -> new Relu(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("LeakyReLU", Case.of(c -> LeakyReluConfig.of().withNegativeSlope(c.get("negative_slope").asDouble()).init(),
                    (m, in) -> m.forward(in.t3("input")))),
            Map.entry("GELU", Case.of(c -> GeluConfig.of().withTanhApproximation(c.get("approximate").asText().equals("tanh")).init(),
                    (m, in) -> m.forward(in.t3("input")))),
            Map.entry("SiLU", Case.of(c -> new Silu(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("Sigmoid", Case.of(c -> new Sigmoid(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("Tanh", Case.of(c -> new Tanh(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("Softmax", Case.of(c -> SoftmaxConfig.of(c.get("dim").asInt()).init(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("LogSoftmax", Case.of(c -> LogSoftmaxConfig.of(c.get("dim").asInt()).init(), (m, in) -> m.forward(in.t3("input")))),
            Map.entry("MultiheadAttention", Case.of(c -> {
                assertTrue(c.get("batch_first").asBoolean(), "burnj's MultiHeadAttention is batch-first");
                return MultiHeadAttentionConfig.of(c.get("embed_dim").asInt(), c.get("num_heads").asInt()).init(F64);
            }, (MultiHeadAttention m, Inputs in) -> m.forward(in.t3("query"), in.t3("key"), in.t3("value"),
                    in.has("attn_mask") ? in.b2("attn_mask") : null, in.has("key_padding_mask") ? in.b2("key_padding_mask") : null))),
            Map.entry("LSTM", new Case<>(c -> LstmConfig.of(c.get("input_size").asInt(), c.get("hidden_size").asInt())
                    .withNumLayers(c.get("num_layers").asInt()).withBidirectional(c.get("bidirectional").asBoolean())
                    .withBatchFirst(c.get("batch_first").asBoolean()).init(F64), (Lstm m, Inputs in) -> {
                        LstmOutput out = m.forward(in.t3("input"), in.t3("h0"), in.t3("c0"));
                        return Map.of("output", out.output(), "h_n", out.hn(), "c_n", out.cn());
                    })),
            Map.entry("GRU", new Case<>(c -> GruConfig.of(c.get("input_size").asInt(), c.get("hidden_size").asInt())
                    .withNumLayers(c.get("num_layers").asInt()).withBidirectional(c.get("bidirectional").asBoolean())
                    .withBatchFirst(c.get("batch_first").asBoolean()).init(F64), (Gru m, Inputs in) -> {
                        GruOutput out = m.forward(in.t3("input"), in.t3("h0"));
                        return Map.of("output", out.output(), "h_n", out.hn());
                    })),
            Map.entry("TransformerEncoderLayer", Case.of(c -> encoderLayer(c).init(F64), (TransformerEncoderLayer m, Inputs in) ->
                    m.forward(in.t3("src"), in.b2("src_mask"), in.b2("src_key_padding_mask")))),
            Map.entry("TransformerEncoder", Case.of(c -> TransformerEncoderConfig.of(encoderLayer(c.get("layer")), c.get("num_layers").asInt())
                    .withNorm(c.get("norm").asBoolean() ? LayerNormConfig.of(c.get("layer").get("d_model").asInt()) : null).init(F64),
                    (TransformerEncoder m, Inputs in) -> m.forward(in.t3("src"), in.b2("src_mask"), in.b2("src_key_padding_mask")))));

    @TempDir
    Path tempDir;

    private static TransformerEncoderLayerConfig encoderLayer(JsonNode c) {
        assertTrue(c.get("batch_first").asBoolean(), "burnj's TransformerEncoderLayer is batch-first");
        return TransformerEncoderLayerConfig.of(c.get("d_model").asInt(), c.get("nhead").asInt())
                .withDimFeedforward(c.get("dim_feedforward").asInt()).withDropout(c.get("dropout").asDouble())
                .withActivation(TransformerActivation.valueOf(c.get("activation").asText().toUpperCase(java.util.Locale.ROOT)))
                .withLayerNormEps(c.path("layer_norm_eps").asDouble(1e-5)).withNormFirst(c.get("norm_first").asBoolean());
    }

    private static BatchNormConfig batchNorm(JsonNode c) {
        return BatchNormConfig.of(c.get("num_features").asInt()).withEps(c.get("eps").asDouble()).withMomentum(c.get("momentum").asDouble());
    }

    /** The rank of {@code m}'s output for an input of rank {@code rank}: the merged dims become one. */
    private static int flattenedRank(Flatten m, int rank) {
        int end = m.config().endDim() < 0 ? rank + m.config().endDim() : m.config().endDim();
        return rank - (end - m.config().startDim());
    }

    static Path dir() {
        return Fixture.resourceDir(LayerParityTest.class, "layers");
    }

    @TestFactory
    Stream<DynamicTest> everyLayerFixtureMatchesPytorch() {
        return Fixture.list(dir()).stream().map(Fixture::read).filter(f -> CASES.containsKey(f.metaText("module")))
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> Fixture.withoutLeaks(f.name(), AD, () -> check(f, CASES.get(f.metaText("module"))))));
    }

    @Test
    void everyFixtureHasACase() {
        List<String> modules = Fixture.list(dir()).stream().map(p -> Fixture.read(p).metaText("module")).distinct().toList();
        for (String module : modules) {
            assertTrue(CASES.containsKey(module), "layer fixture for torch.nn." + module + " has no case");
        }
        for (String module : CASES.keySet()) {
            assertTrue(modules.contains(module), "case " + module + " has no fixture");
        }
        assertEquals(CASES.size(), modules.size());
    }

    private <M extends Module> void check(Fixture fixture, Case<M> c) {
        M module = c.build().apply(fixture.meta("config"));
        try (module) {
            Harness.loadState(fixture, module, tempDir);
            if (fixture.metaText("mode").equals("eval")) {
                module.eval();
            } else {
                module.train();
            }
            Harness.run(fixture, module, new Inputs(fixture, AD), in -> c.forward().apply(module, in), true);
        }
    }

    @AfterAll
    static void writeWorstErrors() throws java.io.IOException {
        Harness.writeWorst("parity-errors-layers.txt");
    }
}
