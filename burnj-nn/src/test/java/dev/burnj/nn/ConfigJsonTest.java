package dev.burnj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.InterpolateMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    @Test
    void everyConfigRoundTripsThroughJson() {
        List<Config> configs = List.of(LinearConfig.of(784, 10).withBias(false), Conv1dConfig.of(3, 8, 5).withStride(2).withPadding(1),
                Conv2dConfig.of(4, 8, 3).withGroups(2).withDilation(2), ConvTranspose2dConfig.of(8, 4, 4).withStride(2).withOutputPadding(1),
                MaxPool1dConfig.of(3).withCeilMode(true), MaxPool2dConfig.of(3).withStride(2).withPadding(1).withDilation(2),
                AvgPool1dConfig.of(2), AvgPool2dConfig.of(3).withCountIncludePad(false).withPadding(1), AdaptiveAvgPool2dConfig.of(7, 5),
                UpsampleConfig.ofScale(2).withMode(InterpolateMode.BILINEAR), UpsampleConfig.ofSize(3, 4), DropoutConfig.of(0.1),
                EmbeddingConfig.of(100, 16), FlattenConfig.of().withEndDim(2), LeakyReluConfig.of().withNegativeSlope(0.2),
                GeluConfig.of().withTanhApproximation(true), SoftmaxConfig.of(-1), LogSoftmaxConfig.of(1),
                BatchNormConfig.of(16).withMomentum(0.3).withEps(1e-3).withAffine(false), LayerNormConfig.of(32).withEps(1e-6),
                GroupNormConfig.of(4, 32).withAffine(false), RmsNormConfig.of(64), RmsNormConfig.of(64).withEps(1e-6),
                MultiHeadAttentionConfig.of(64, 8).withDropout(0.1).withBias(false),
                TransformerEncoderLayerConfig.of(64, 8).withActivation(TransformerActivation.GELU).withNormFirst(true).withDimFeedforward(256),
                TransformerEncoderConfig.of(TransformerEncoderLayerConfig.of(64, 8), 6),
                TransformerEncoderConfig.of(TransformerEncoderLayerConfig.of(64, 8).withDropout(0), 2).withNorm(LayerNormConfig.of(64).withEps(1e-6)),
                PositionalEncodingConfig.of(64).withMaxLength(512).withDropout(0.2),
                LstmConfig.of(10, 20).withNumLayers(2).withBidirectional(true).withDropout(0.2).withBatchFirst(true),
                GruConfig.of(10, 20).withBias(false).withNumLayers(3));
        for (Config config : configs) {
            String json = config.toJson();
            assertEquals(config, Config.fromJson(json, config.getClass()), json);
        }
    }

    @Test
    void jsonUsesTheComponentNames() {
        assertEquals("{\"inFeatures\":784,\"outFeatures\":10,\"bias\":true}", LinearConfig.of(784, 10).toJson());
    }

    @Test
    void invalidJsonNamesTheConfigClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromJson("{\"inFeatures\":", LinearConfig.class));
        assertTrue(e.getMessage().contains("LinearConfig"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromJson("{\"inFeatures\":0,\"outFeatures\":10,\"bias\":true}", LinearConfig.class));
        assertTrue(e.getMessage().contains("LinearConfig") && e.getMessage().contains("inFeatures"), e.getMessage());
    }
}
