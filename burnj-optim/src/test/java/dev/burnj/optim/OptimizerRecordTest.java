package dev.burnj.optim;

import static dev.burnj.optim.OptimizerRulesTest.DEVICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.optim.lr.CosineAnnealingLr;
import dev.burnj.optim.lr.ReduceLrOnPlateau;
import dev.burnj.record.ModuleRecord;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optimizer and scheduler state saved to a file and restored: exact resume, and clear errors for files that do not fit. */
class OptimizerRecordTest {
    @TempDir
    Path dir;

    /** A weight matrix and a bias, in {@code dtype}. */
    static final class Net extends Module {
        final Param<Tensor2> weight;
        final Param<Tensor1> bias;

        Net(TensorOptions options) {
            weight = Param.of(Tensor2.of(new double[][] {{0.3, -0.7, 1.1}, {0.2, 0.5, -0.4}}, options));
            bias = Param.of(Tensor1.of(new double[] {0.1, -0.2}, options));
        }
    }

    private static ParamGrads grads(TensorOptions options, long seed) {
        Random r = new Random(seed);
        ParamGrads g = ParamGrads.empty();
        g.put("weight", Tensor2.of(new double[][] {{r.nextGaussian(), r.nextGaussian(), r.nextGaussian()},
                {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}}, options));
        g.put("bias", Tensor1.of(new double[] {r.nextGaussian(), r.nextGaussian()}, options));
        return g;
    }

    private static void train(Net net, Optimizer opt, CosineAnnealingLr schedule, TensorOptions options, int from, int to) {
        for (int t = from; t < to; t++) {
            try (ParamGrads g = grads(options, t)) {
                opt.step(net, g);
            }
            schedule.step();
            schedule.applyTo(opt);
        }
    }

    /** Train 3 steps, save, resume into fresh objects: the next 3 steps are bit-identical to an uninterrupted run. */
    private void resumesBitExactly(DType dtype) throws IOException {
        TensorOptions options = TensorOptions.on(DEVICE).withDType(dtype);
        AdamConfig config = AdamConfig.of().withLr(0.05).withAmsgrad(true).withGroup(ParamGroup.matching("bias").withLr(0.02));
        Net a = new Net(options);
        Optimizer first = config.init();
        CosineAnnealingLr schedule = CosineAnnealingLr.of(10, 0.001);
        schedule.applyTo(first);
        train(a, first, schedule, options, 0, 3);
        Path file = dir.resolve("optimizer.safetensors");
        OptimizerRecord.save(first, schedule, file);
        Path weights = dir.resolve("model.safetensors");
        ModuleRecord.save(a, weights);

        Net b = new Net(options);
        ModuleRecord.load(b, weights);
        Optimizer resumed = config.init();
        CosineAnnealingLr resumedSchedule = CosineAnnealingLr.of(10, 0.001);
        OptimizerRecord.load(resumed, resumedSchedule, file);
        assertEquals(schedule.state(), Map.of("step", ((Number) resumedSchedule.state().get("step")).longValue()));
        assertEquals(first.lr(0), resumed.lr(0), 0.0);
        assertEquals(first.lr(1), resumed.lr(1), 0.0);
        assertEquals(3L, resumed.state("weight").orElseThrow().step());

        train(a, first, schedule, options, 3, 6);
        train(b, resumed, resumedSchedule, options, 3, 6);
        assertArrayEquals(a.weight.value().toDoubleArray(), b.weight.value().toDoubleArray(), 0.0);
        assertArrayEquals(a.bias.value().toDoubleArray(), b.bias.value().toDoubleArray(), 0.0);
        for (AutoCloseable c : new AutoCloseable[] {first, resumed, a, b}) {
            try {
                c.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void resumesBitExactlyInF32() throws IOException {
        resumesBitExactly(DType.F32);
    }

    @Test
    void resumesBitExactlyInF64() throws IOException {
        resumesBitExactly(DType.F64);
    }

    @Test
    void stateTensorsAreNamedByParameterAndKey() throws IOException {
        TensorOptions options = TensorOptions.on(DEVICE).withDType(DType.F32);
        Net net = new Net(options);
        Optimizer opt = SgdConfig.of().withLr(0.1).withMomentum(0.9).init();
        try (ParamGrads g = grads(options, 1)) {
            opt.step(net, g);
        }
        Path file = dir.resolve("sgd.safetensors");
        OptimizerRecord.save(opt, file);
        NamedTensors contents = SafeTensors.read(file);
        assertEquals(java.util.Set.of("weight/momentum_buffer", "bias/momentum_buffer"), contents.tensors().keySet());
        assertEquals(DType.F32, contents.tensors().get("weight/momentum_buffer").dtype());
        assertEquals("{\"weight\":1,\"bias\":1}", contents.metadata().get("steps"));
        opt.close();
        net.close();
    }

    @Test
    void plateauSchedulerStateWithInfinityAndNullRoundTrips() throws IOException {
        Optimizer opt = SgdConfig.of().withLr(0.1).init();
        ReduceLrOnPlateau fresh = ReduceLrOnPlateau.of().withPatience(1);
        Path file = dir.resolve("plateau.safetensors");
        OptimizerRecord.save(opt, fresh, file);
        ReduceLrOnPlateau copy = ReduceLrOnPlateau.of().withPatience(1);
        OptimizerRecord.load(SgdConfig.of().withLr(0.1).init(), copy, file);
        assertEquals(fresh.state(), normalised(copy.state(), fresh.state()));

        ReduceLrOnPlateau used = ReduceLrOnPlateau.of().withPatience(1);
        for (double metric : new double[] {1.0, 0.9, 0.95, 0.97, 0.99}) {
            used.step(metric, opt);
        }
        OptimizerRecord.save(opt, used, file);
        ReduceLrOnPlateau restored = ReduceLrOnPlateau.of().withPatience(1);
        Optimizer other = SgdConfig.of().withLr(0.1).init();
        OptimizerRecord.load(other, restored, file);
        assertEquals(used.reductions(), restored.reductions());
        assertEquals(opt.lr(0), other.lr(0), 0.0);
        restored.step(0.99, other);
        used.step(0.99, opt);
        assertEquals(opt.lr(0), other.lr(0), 0.0);
    }

    /** The state read back, with each number converted to the class of the original's (JSON does not keep Long vs Integer). */
    private static Map<String, Object> normalised(Map<String, Object> read, Map<String, Object> like) {
        Map<String, Object> out = new LinkedHashMap<>();
        read.forEach((k, v) -> {
            Object original = like.get(k);
            if (v instanceof Number n && original instanceof Long) {
                out.put(k, n.longValue());
            } else if (v instanceof Number n && original instanceof Integer) {
                out.put(k, n.intValue());
            } else if (v instanceof Number n && original instanceof Double) {
                out.put(k, n.doubleValue());
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void refusesFilesThatDoNotFit() throws IOException {
        TensorOptions options = TensorOptions.on(DEVICE).withDType(DType.F32);
        Net net = new Net(options);
        Optimizer adam = AdamConfig.of().init();
        try (ParamGrads g = grads(options, 1)) {
            adam.step(net, g);
        }
        Path file = dir.resolve("adam.safetensors");
        OptimizerRecord.save(adam, file);

        OptimizerRecordException wrongType = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(SgdConfig.of().init(), file));
        assertTrue(wrongType.getMessage().contains("another optimizer type") && wrongType.getMessage().contains("Adam"), wrongType.getMessage());

        OptimizerRecordException groups = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(AdamConfig.of().withGroup(ParamGroup.matching("bias")).init(), file));
        assertTrue(groups.getMessage().contains("expected 2 parameter group learning rates"), groups.getMessage());

        OptimizerRecordException noScheduler = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(AdamConfig.of().init(), CosineAnnealingLr.of(5, 0), file));
        assertTrue(noScheduler.getMessage().contains("another scheduler type"), noScheduler.getMessage());

        Path model = dir.resolve("model.safetensors");
        ModuleRecord.save(net, model);
        OptimizerRecordException notOptimizer = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(AdamConfig.of().init(), model));
        assertTrue(notOptimizer.getMessage().contains("not an optimizer record"), notOptimizer.getMessage());

        Map<String, String> metadata = new LinkedHashMap<>(SafeTensors.read(file).metadata());
        Path stray = dir.resolve("stray.safetensors");
        SafeTensors.write(stray, NamedTensors.of(Map.of("nobody/exp_avg", TensorData.of(new float[] {1}, Shape.of(1))), metadata));
        OptimizerRecordException orphan = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(AdamConfig.of().init(), stray));
        assertTrue(orphan.getMessage().contains("'nobody/exp_avg'"), orphan.getMessage());

        metadata.put("steps", "[1, 2");
        SafeTensors.write(stray, NamedTensors.of(Map.of(), metadata));
        OptimizerRecordException badJson = assertThrows(OptimizerRecordException.class,
                () -> OptimizerRecord.load(AdamConfig.of().init(), stray));
        assertTrue(badJson.getMessage().contains("metadata 'steps'"), badJson.getMessage());

        // The failed loads left the target optimizer usable and empty.
        Optimizer target = AdamConfig.of().init();
        assertThrows(OptimizerRecordException.class, () -> OptimizerRecord.load(target, stray));
        assertTrue(target.state("weight").isEmpty());
        adam.close();
        net.close();
    }
}
