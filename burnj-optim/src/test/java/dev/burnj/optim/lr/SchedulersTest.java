package dev.burnj.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.optim.Optimizer;
import dev.burnj.optim.ParamGroup;
import dev.burnj.optim.SgdConfig;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Each schedule's learning-rate sequence, stepping per call, against closed-form values. */
class SchedulersTest {
    static final double LR = 0.1;

    static void assertSequence(StepScheduler s, int steps, LongToDoubleFunction expected) {
        for (long n = 0; n < steps; n++) {
            assertEquals(expected.applyAsDouble(n), s.lr(LR), 1e-15, "step " + n);
            s.step();
        }
    }

    static double cos(double from, double to, double pos, double len) {
        return to + (from - to) * (1 + Math.cos(Math.PI * pos / len)) / 2;
    }

    @Test
    void simpleSchedules() {
        assertSequence(ConstantLr.of(0.5, 3), 6, n -> n < 3 ? 0.05 : 0.1);
        assertSequence(ConstantLr.constant(), 3, n -> 0.1);
        assertSequence(StepLr.of(3, 0.5), 10, n -> LR * Math.pow(0.5, n / 3));
        assertSequence(MultiStepLr.of(0.1, 5, 2, 5), 8, n -> LR * Math.pow(0.1, (n >= 2 ? 1 : 0) + (n >= 5 ? 2 : 0)));
        assertSequence(ExponentialLr.of(0.9), 6, n -> LR * Math.pow(0.9, n));
        assertSequence(LinearLr.warmUp(0.25, 4), 7, n -> LR * (0.25 + 0.75 * Math.min(n, 4) / 4.0));
    }

    @Test
    void cosineAnnealingAndWarmRestarts() {
        assertSequence(CosineAnnealingLr.of(10, 0.001), 15, n -> cos(LR, 0.001, n, 10));
        // cycles of 2, 4, 8 steps
        long[] starts = {0, 2, 6, 14};
        assertSequence(CosineAnnealingWarmRestarts.of(2, 2, 0.0), 14, n -> {
            int c = n < 2 ? 0 : n < 6 ? 1 : 2;
            return cos(LR, 0.0, n - starts[c], starts[c + 1] - starts[c]);
        });
        assertSequence(CosineAnnealingWarmRestarts.of(3, 1, 0.01), 9, n -> cos(LR, 0.01, n % 3, 3));
    }

    @Test
    void oneCycle() {
        int total = 10;
        double initial = LR / 25, min = initial / 1e4, up = 0.3 * total - 1;
        assertSequence(OneCycleLr.of(total), total + 1,
                n -> n <= up ? cos(initial, LR, n, up) : cos(LR, min, n - up, total - 1 - up));
        assertSequence(OneCycleLr.of(total).withLinearAnnealing(), total,
                n -> n <= up ? initial + (LR - initial) * n / up : LR + (min - LR) * (n - up) / (total - 1 - up));
        double mid = 2 * 0.3 * total - 2;
        assertSequence(OneCycleLr.of(total).withThreePhase(true), total, n -> n <= up ? cos(initial, LR, n, up)
                : n <= mid ? cos(LR, initial, n - up, mid - up) : cos(initial, min, n - mid, total - 1 - mid));
        OneCycleLr done = OneCycleLr.of(2);
        done.loadState(Map.of("step", 3L));
        assertThrows(IllegalStateException.class, () -> done.lr(LR));
    }

    @Test
    void sequentialWarmUpThenCosine() {
        SequentialLr s = SequentialLr.of(List.of(LinearLr.warmUp(0.1, 3), CosineAnnealingLr.of(5, 0)), 3);
        assertSequence(s, 10, n -> n < 3 ? LR * (0.1 + 0.9 * n / 3.0) : cos(LR, 0, n - 3, 5));
    }

    @Test
    void reduceOnPlateauWithCooldownAndMinLr() {
        ReduceLrOnPlateau s = ReduceLrOnPlateau.of().withPatience(1).withFactor(0.5).withCooldown(1).withMinLr(0.03);
        double[] metrics = {1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        // bad steps: 0, 0, 1, 2 -> reduce (cooldown 1), 3: cooldown, then 1, 2 -> reduce (floored at 0.03), ...
        double[] lrs = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03};
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            assertEquals(lrs[i], s.lr(LR), 1e-15, "epoch " + i);
        }
        ReduceLrOnPlateau copy = ReduceLrOnPlateau.of().withPatience(1).withFactor(0.5).withCooldown(1).withMinLr(0.03);
        copy.loadState(s.state());
        assertEquals(s.state(), copy.state());
        assertEquals(s.lr(0.2), copy.lr(0.2));
    }

    @Test
    void appliesPerGroupAndResumesFromState() {
        Optimizer opt = SgdConfig.of().withLr(LR).withGroup(ParamGroup.matching(".*bias").withLr(1.0)).init();
        StepLr s = StepLr.of(2, 0.5);
        s.applyTo(opt);
        for (int i = 0; i < 4; i++) {
            s.step(opt);
        }
        assertEquals(LR * 0.25, opt.lr(0), 1e-15);
        assertEquals(0.25, opt.lr(1), 1e-15);
        StepLr resumed = StepLr.of(2, 0.5);
        resumed.loadState(s.state());
        assertEquals(4L, resumed.stepCount());
        resumed.step();
        s.step();
        assertEquals(s.lr(LR), resumed.lr(LR));
    }
}
