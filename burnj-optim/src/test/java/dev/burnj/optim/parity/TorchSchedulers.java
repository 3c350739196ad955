package dev.burnj.optim.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnj.optim.lr.ConstantLr;
import dev.burnj.optim.lr.CosineAnnealingLr;
import dev.burnj.optim.lr.CosineAnnealingWarmRestarts;
import dev.burnj.optim.lr.ExponentialLr;
import dev.burnj.optim.lr.LinearLr;
import dev.burnj.optim.lr.MultiStepLr;
import dev.burnj.optim.lr.OneCycleLr;
import dev.burnj.optim.lr.ReduceLrOnPlateau;
import dev.burnj.optim.lr.SequentialLr;
import dev.burnj.optim.lr.StepScheduler;
import dev.burnj.optim.lr.StepLr;
import java.util.ArrayList;
import java.util.List;

/** burnj's scheduler for a {@code torch.optim.lr_scheduler} class name and its constructor arguments (as the fixtures record them). */
final class TorchSchedulers {
    private TorchSchedulers() {}

    static StepScheduler step(String torchName, JsonNode c) {
        return switch (torchName) {
            case "ConstantLR" -> ConstantLr.of(c.path("factor").asDouble(1.0 / 3), c.path("total_iters").asLong(5));
            case "StepLR" -> StepLr.of(c.get("step_size").asLong(), c.path("gamma").asDouble(0.1));
            case "MultiStepLR" -> MultiStepLr.of(c.path("gamma").asDouble(0.1), longs(c.get("milestones")));
            case "ExponentialLR" -> ExponentialLr.of(c.get("gamma").asDouble());
            case "CosineAnnealingLR" -> CosineAnnealingLr.of(c.get("T_max").asLong(), c.path("eta_min").asDouble(0));
            case "CosineAnnealingWarmRestarts" -> CosineAnnealingWarmRestarts.of(c.get("T_0").asLong(), c.path("T_mult").asLong(1),
                    c.path("eta_min").asDouble(0));
            case "LinearLR" -> LinearLr.of(c.path("start_factor").asDouble(1.0 / 3), c.path("end_factor").asDouble(1.0),
                    c.path("total_iters").asLong(5));
            case "OneCycleLR" -> {
                OneCycleLr s = OneCycleLr.of(c.get("total_steps").asLong()).withPctStart(c.path("pct_start").asDouble(0.3))
                        .withDivFactors(c.path("div_factor").asDouble(25), c.path("final_div_factor").asDouble(1e4))
                        .withThreePhase(c.path("three_phase").asBoolean(false)).withCycleMomentum(c.path("cycle_momentum").asBoolean(true))
                        .withBaseMomentum(c.path("base_momentum").asDouble(0.85)).withMaxMomentum(c.path("max_momentum").asDouble(0.95));
                // Without max_lr in the config, the group's initial lr is PyTorch's max_lr (the fixtures pass the same value).
                s = c.has("max_lr") ? s.withMaxLr(c.get("max_lr").asDouble()) : s;
                yield c.path("anneal_strategy").asText("cos").equals("linear") ? s.withLinearAnnealing() : s;
            }
            case "SequentialLR" -> {
                List<StepScheduler> parts = new ArrayList<>();
                for (JsonNode part : c.get("schedulers")) {
                    parts.add(step(part.get(0).asText(), part.get(1)));
                }
                yield SequentialLr.of(parts, longs(c.get("milestones")));
            }
            default -> throw new IllegalArgumentException("no burnj counterpart for torch scheduler " + torchName);
        };
    }

    static ReduceLrOnPlateau plateau(JsonNode c) {
        ReduceLrOnPlateau s = ReduceLrOnPlateau.of().withFactor(c.get("factor").asDouble()).withPatience(c.get("patience").asInt())
                .withThreshold(c.get("threshold").asDouble()).withAbsoluteThreshold(c.path("threshold_mode").asText("rel").equals("abs"))
                .withCooldown(c.get("cooldown").asInt()).withMinLr(c.get("min_lr").asDouble());
        return c.get("mode").asText().equals("max") ? s.maximizing() : s;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
