package dev.burnj.nn.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnj.nn.loss.BceLoss;
import dev.burnj.nn.loss.BceWithLogitsLoss;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.nn.loss.HuberLoss;
import dev.burnj.nn.loss.KlDivLoss;
import dev.burnj.nn.loss.L1Loss;
import dev.burnj.nn.loss.MseLoss;
import dev.burnj.nn.loss.NllLoss;
import dev.burnj.nn.loss.Reduction;
import dev.burnj.nn.loss.SmoothL1Loss;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Tensor1;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss fixture in {@code parity/losses} (each reduction, class weights, ignore index, label smoothing, ...)
 * against burnj's losses: values and input gradients in F64, within 1e-9.
 */
class LossParityTest {
    /** How a loss family is configured from the fixture's config and applied to its inputs. */
    static final Map<String, BiFunction<JsonNode, Inputs, Tensor1>> CASES = Map.of(
            "cross_entropy", (c, in) -> {
                CrossEntropyLoss loss = CrossEntropyLoss.of().withReduction(reduction(c))
                        .withIgnoreIndex(c.path("ignore_index").asLong(-100)).withLabelSmoothing(c.path("label_smoothing").asDouble(0));
                return (c.has("weight") ? loss.withWeights(doubles(c.get("weight"))) : loss).forward(in.t2("input"), in.i1("target"));
            },
            "nll", (c, in) -> {
                NllLoss loss = NllLoss.of().withReduction(reduction(c)).withIgnoreIndex(c.path("ignore_index").asLong(-100));
                return (c.has("weight") ? loss.withWeights(doubles(c.get("weight"))) : loss).forward(in.t2("input"), in.i1("target"));
            },
            "bce", (c, in) -> {
                BceLoss loss = BceLoss.of().withReduction(reduction(c));
                return in.has("weight") ? loss.forward(in.t2("input"), in.constant2("target"), in.constant2("weight"))
                        : loss.forward(in.t2("input"), in.constant2("target"));
            },
            "bce_with_logits", (c, in) -> {
                BceWithLogitsLoss loss = BceWithLogitsLoss.of().withReduction(reduction(c));
                if (c.has("pos_weight")) {
                    loss = loss.withPosWeight(doubles(c.get("pos_weight")));
                }
                return in.has("weight") ? loss.forward(in.t2("input"), in.constant2("target"), in.constant2("weight"))
                        : loss.forward(in.t2("input"), in.constant2("target"));
            },
            "mse", (c, in) -> MseLoss.of().withReduction(reduction(c)).forward(in.t2("input"), in.t2("target")),
            "l1", (c, in) -> L1Loss.of().withReduction(reduction(c)).forward(in.t2("input"), in.t2("target")),
            "huber", (c, in) -> HuberLoss.of().withDelta(c.get("delta").asDouble()).withReduction(reduction(c))
                    .forward(in.t2("input"), in.t2("target")),
            "smooth_l1", (c, in) -> SmoothL1Loss.of().withBeta(c.get("beta").asDouble()).withReduction(reduction(c))
                    .forward(in.t2("input"), in.t2("target")),
            "kl_div", (c, in) -> {
                KlDivLoss loss = KlDivLoss.of().withLogTarget(c.path("log_target").asBoolean(false));
                loss = c.get("reduction").asText().equals("batchmean") ? loss.withBatchMean() : loss.withReduction(reduction(c));
                return loss.forward(in.t2("input"), in.t2("target"));
            });

    private static Reduction reduction(JsonNode c) {
        return Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static Path dir() {
        return Fixture.resourceDir(LossParityTest.class, "losses");
    }

    @TestFactory
    Stream<DynamicTest> everyLossFixtureMatchesPytorch() {
        return Fixture.list(dir()).stream().map(Fixture::read).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            BiFunction<JsonNode, Inputs, Tensor1> loss = CASES.get(f.metaText("module"));
            assertTrue(loss != null, f.name() + ": no case for loss " + f.metaText("module"));
            JsonNode config = f.meta("config");
            // Reduction none returns burnj's flattened per-element losses: values are compared, not shapes.
            Fixture.withoutLeaks(f.name(), LayerParityTest.AD, () -> Harness.run(f, null, new Inputs(f, LayerParityTest.AD),
                    in -> Map.<String, FloatTensor<?, ?, ?>>of("output", loss.apply(config, in)), false));
        }));
    }

    @Test
    void everyLossFamilyHasFixtures() {
        List<String> families = Fixture.list(dir()).stream().map(p -> Fixture.read(p).metaText("module")).distinct().toList();
        for (String family : CASES.keySet()) {
            assertTrue(families.contains(family), family + " has no fixture");
        }
    }

    @AfterAll
    static void writeWorstErrors() throws java.io.IOException {
        Harness.writeWorst("parity-errors-losses.txt");
    }
}
