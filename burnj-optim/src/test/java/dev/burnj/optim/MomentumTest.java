package dev.burnj.optim;

import static dev.burnj.optim.OptimizerRulesTest.DEVICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.optim.OptimizerRecordTest.Net;
import dev.burnj.optim.lr.OneCycleLr;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-group momentum optimizers expose, OneCycleLr's momentum cycle and max lr, and momentum in optimizer records. */
class MomentumTest {
    private static final TensorOptions F64 = TensorOptions.on(DEVICE).withDType(DType.F64);

    @TempDir
    Path dir;

    @Test
    void optimizersExposeTheirMomentumPerGroup() {
        try (Optimizer sgd = SgdConfig.of().withMomentum(0.9).withGroup(ParamGroup.matching("bias")).init();
                Optimizer adam = AdamConfig.of().withBetas(0.8, 0.99).init();
                Optimizer adamW = AdamWConfig.of().init();
                Optimizer rms = RmsPropConfig.of().init();
                Optimizer adagrad = AdagradConfig.of().init()) {
            assertEquals(0.9, sgd.momentum(0));
            assertEquals(0.9, sgd.momentum(1));
            sgd.setMomentum(1, 0.5);
            assertEquals(0.9, sgd.momentum(0), "groups are independent");
            assertEquals(0.5, sgd.momentum(1));
            assertEquals(0.8, adam.momentum(0), "Adam's momentum is beta1");
            assertEquals(0.9, adamW.momentum(0));
            assertEquals(0.0, rms.momentum(0));
            IllegalArgumentException beta = assertThrows(IllegalArgumentException.class, () -> adam.setMomentum(0, 1.0));
            assertTrue(beta.getMessage().contains("beta1 must be in [0, 1), got 1.0"), beta::getMessage);
            assertThrows(IllegalArgumentException.class, () -> sgd.setMomentum(0, -0.1));
            assertFalse(adagrad.hasMomentum());
            UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class, () -> adagrad.momentum(0));
            assertTrue(none.getMessage().contains("momentum: Adagrad has no momentum"), none::getMessage);
            assertThrows(UnsupportedOperationException.class, () -> adagrad.setMomentum(0, 0.5));
        }
    }

    /** One SGD step on {@code p = [1]} with gradient 1 each step, so the momentum buffer is visible in the update. */
    private static double[] sgdTrajectory(double... momenta) {
        try (Net net = new Net(F64); Optimizer sgd = SgdConfig.of().withLr(0.1).init()) {
            double[] out = new double[momenta.length];
            for (int t = 0; t < momenta.length; t++) {
                sgd.setMomentum(0, momenta[t]);
                try (ParamGrads g = ParamGrads.empty()) {
                    g.put("bias", Tensor1.of(new double[] {1, 1}, F64));
                    g.put("weight", Tensor2.of(new double[][] {{0, 0, 0}, {0, 0, 0}}, F64));
                    sgd.step(net, g);
                }
                out[t] = net.bias.value().toDoubleArray()[0];
            }
            return out;
        }
    }

    @Test
    void updatesUseTheCurrentMomentum() {
        // p0 = 0.1; b1 = 1, p = 0; b2 = 0.5 * 1 + 1 = 1.5, p = -0.15; b3 = 0 * 1.5 + 1 = 1, p = -0.25.
        assertArrayEquals(new double[] {0.0, -0.15, -0.25}, sgdTrajectory(0.9, 0.5, 0.0), 1e-15);
    }

    @Test
    void oneCycleCyclesMomentumInverselyToTheLr() {
        OneCycleLr schedule = OneCycleLr.of(10).withMaxLr(0.4).withBaseMomentum(0.8).withMaxMomentum(0.9);
        // Two phases: up for 0.3 * 10 - 1 = 2 steps, then down over steps 2..9.
        assertEquals(0.4 / 25, schedule.lrAt(0, 123), 1e-15, "max_lr, not the group's lr");
        assertEquals(0.4, schedule.lrAt(2, 123), 1e-15);
        assertEquals(0.9, schedule.momentumAt(0), 1e-15);
        assertEquals(0.85, schedule.momentumAt(1), 1e-15);
        assertEquals(0.8, schedule.momentumAt(2), 1e-15);
        assertEquals(0.8 + 0.1 * (1 - Math.cos(Math.PI * 3 / 7)) / 2, schedule.momentumAt(5), 1e-15);
        assertEquals(0.9, schedule.momentumAt(9), 1e-15);
        assertEquals(0.2 / 25, OneCycleLr.of(10).lrAt(0, 0.2), 1e-15, "without max_lr the group's initial lr is its maximum");

        try (Optimizer adamW = AdamWConfig.of().withLr(0.01).init(); Optimizer adagrad = AdagradConfig.of().init()) {
            schedule.applyTo(adamW);
            assertEquals(0.016, adamW.lr(0), 1e-15);
            assertEquals(0.9, adamW.momentum(0), 1e-15);
            schedule.step(adamW);
            assertEquals(0.85, adamW.momentum(0), 1e-15);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule.applyTo(adagrad));
            assertTrue(e.getMessage().contains("OneCycleLr: Adagrad has no momentum to cycle"), e::getMessage);
            assertEquals(0.01, adagrad.lr(0), "nothing was changed");
            OneCycleLr lrOnly = schedule.withCycleMomentum(false);
            lrOnly.applyTo(adagrad);
            assertEquals(0.016, adagrad.lr(0), 1e-15);
            lrOnly.applyTo(adamW);
            assertEquals(0.85, adamW.momentum(0), 1e-15, "left alone");
        }
        assertThrows(IllegalArgumentException.class, () -> OneCycleLr.of(10).withMaxLr(0));
        assertThrows(IllegalArgumentException.class, () -> OneCycleLr.of(10).withBaseMomentum(-1));
    }

    private static void train(Net net, Optimizer opt, OneCycleLr schedule, int from, int to) {
        for (int t = from; t < to; t++) {
            try (ParamGrads g = ParamGrads.empty()) {
                g.put("weight", Tensor2.of(new double[][] {{t - 1.5, 0.3, -0.2}, {0.1 * t, -1, 0.5}}, F64));
                g.put("bias", Tensor1.of(new double[] {Math.sin(t), Math.cos(t)}, F64));
                opt.step(net, g);
            }
            schedule.step(opt);
        }
    }

    @Test
    void momentumIsPartOfTheRecordSoResumeIsExact() throws IOException {
        AdamWConfig config = AdamWConfig.of().withLr(0.05);
        OneCycleLr schedule = OneCycleLr.of(6);
        Path file = dir.resolve("optimizer.safetensors");
        try (Net a = new Net(F64); Net b = new Net(F64); Optimizer first = config.init(); Optimizer resumed = config.init()) {
            schedule.applyTo(first);
            train(a, first, schedule, 0, 3);
            OptimizerRecord.save(first, schedule, file);
            b.weight.set(a.weight.value().detach());
            b.bias.set(a.bias.value().detach());
            OneCycleLr resumedSchedule = OneCycleLr.of(6);
            OptimizerRecord.load(resumed, resumedSchedule, file);
            assertEquals(first.momentum(0), resumed.momentum(0), 0.0);
            assertTrue(resumed.momentum(0) != 0.9, "the cycled beta1 differs from the configured one");
            train(a, first, schedule, 3, 6);
            train(b, resumed, resumedSchedule, 3, 6);
            assertArrayEquals(a.weight.value().toDoubleArray(), b.weight.value().toDoubleArray(), 0.0);
            assertArrayEquals(a.bias.value().toDoubleArray(), b.bias.value().toDoubleArray(), 0.0);
        }

        // A record written before momenta were saved loads with the configured momentum; a wrong count is refused.
        NamedTensors saved = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(saved.metadata());
        assertTrue(metadata.containsKey("group_momenta"), metadata::toString);
        metadata.remove("group_momenta");
        Path old = dir.resolve("old.safetensors");
        SafeTensors.write(old, NamedTensors.of(saved.tensors(), metadata));
        try (Optimizer loaded = config.init()) {
            loaded.setMomentum(0, 0.5);
            OptimizerRecord.load(loaded, old);
            assertEquals(0.9, loaded.momentum(0), 0.0);
        }
        metadata.put("group_momenta", "[0.9, 0.8]");
        Path wrong = dir.resolve("wrong.safetensors");
        SafeTensors.write(wrong, NamedTensors.of(saved.tensors(), metadata));
        try (Optimizer loaded = config.init()) {
            OptimizerRecordException e = assertThrows(OptimizerRecordException.class, () -> OptimizerRecord.load(loaded, wrong));
            assertTrue(e.getMessage().contains("expected 1 parameter group momenta, found [0.9, 0.8]"), e::getMessage);
        }
    }
}
