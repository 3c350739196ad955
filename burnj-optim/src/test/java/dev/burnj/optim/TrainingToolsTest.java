package dev.burnj.optim;

import static dev.burnj.optim.OptimizerRulesTest.F64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** Parameter groups, clipping, accumulation, state export/import and an end-to-end training run. */
class TrainingToolsTest {
    /** Weight and bias, as a linear layer names them. */
    static final class Pair extends Module {
        final Param<Tensor2> weight;
        final Param<Tensor1> bias;

        Pair(TensorOptions options) {
            weight = Param.of(Tensor2.of(new double[][] {{1.0, -2.0}, {0.5, 3.0}}, options));
            bias = Param.of(Tensor1.of(new double[] {0.25, -0.75}, options));
        }
    }

    static ParamGrads grads(double[][] w, double[] b) {
        ParamGrads g = ParamGrads.empty();
        g.put("weight", Tensor2.of(w, F64));
        g.put("bias", Tensor1.of(b, F64));
        return g;
    }

    @Test
    void groupsHaveTheirOwnLrAndWeightDecay() {
        Pair m = new Pair(F64);
        Optimizer opt = SgdConfig.of().withLr(0.1).withWeightDecay(0.5).withGroup(ParamGroup.matching(".*bias").withWeightDecay(0).withLr(1.0)).init();
        assertEquals(0, opt.groupOf("weight"));
        assertEquals(1, opt.groupOf("bias"));
        try (ParamGrads g = grads(new double[][] {{1, 1}, {1, 1}}, new double[] {1, 1})) {
            opt.step(m, g);
        }
        assertArrayEquals(new double[] {1 - 0.1 * (1 + 0.5), -2 - 0.1 * (1 - 1.0), 0.5 - 0.1 * 1.25, 3 - 0.1 * 2.5}, m.weight.value().toDoubleArray(),
                1e-12);
        assertArrayEquals(new double[] {0.25 - 1.0, -0.75 - 1.0}, m.bias.value().toDoubleArray(), 1e-12);
        m.close();
    }

    @Test
    void clipNormReturnsTheTotalNormAndScales() {
        try (ParamGrads g = grads(new double[][] {{3, 0}, {0, 0}}, new double[] {0, 4})) {
            assertEquals(5.0, GradClipping.clipNorm(g, 1.0), 1e-12);
            double c = 1.0 / (5.0 + 1e-6);
            assertArrayEquals(new double[] {3 * c, 0, 0, 0}, g.get("weight").toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {0, 4 * c}, g.get("bias").toDoubleArray(), 1e-12);
            // below the limit the factor is 1
            assertEquals(1.0, GradClipping.clipNorm(g, 10.0), 1e-5);
            assertArrayEquals(new double[] {0, 4 * c}, g.get("bias").toDoubleArray(), 1e-12);
        }
        try (ParamGrads g = grads(new double[][] {{3, -7}, {0, 0}}, new double[] {0, 4})) {
            assertEquals(7.0, GradClipping.clipNorm(g, 100, Double.POSITIVE_INFINITY), 1e-12);
            assertEquals(14.0, GradClipping.totalNorm(g, 1.0), 1e-12);
            GradClipping.clipValue(g, 3.5);
            assertArrayEquals(new double[] {3, -3.5, 0, 0}, g.get("weight").toDoubleArray(), 1e-12);
        }
    }

    @Test
    void accumulatorSumsMicroBatches() {
        Device device = Device.of("nd4j").autodiff();
        TensorOptions options = TensorOptions.on(device).withDType(dev.burnj.tensor.DType.F64);
        Pair m = new Pair(options);
        GradientAccumulator acc = GradientAccumulator.of(2);
        double[] xs = {1.0, 2.0};
        boolean ready = false;
        for (double x : xs) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor1 loss = m.bias.value().mul(x).sum();
                try (Grads g = loss.backward()) {
                    ready = acc.add(m, g);
                }
            }
        }
        assertTrue(ready);
        try (ParamGrads sum = acc.take()) {
            assertEquals(1, sum.size(), "weight has no gradient and is left out");
            assertArrayEquals(new double[] {3.0, 3.0}, sum.get("bias").toDoubleArray(), 1e-12);
        }
        assertEquals(0, acc.count());
        acc.close();
        m.close();
    }

    @Test
    void exportedStateResumesIdentically() {
        AdamConfig config = AdamConfig.of().withLr(0.05).withAmsgrad(true).withGroup(ParamGroup.matching("bias").withLr(0.01));
        Pair a = new Pair(F64);
        Optimizer first = config.init();
        double[][][] ws = {{{0.1, 0.2}, {0.3, -0.4}}, {{-0.5, 0.6}, {0.7, 0.8}}, {{0.9, -1.0}, {1.1, 1.2}}, {{0.2, 0.1}, {-0.3, 0.4}}};
        double[][] bs = {{0.5, -0.5}, {0.25, 0.75}, {-1.0, 0.1}, {0.3, 0.3}};
        for (int t = 0; t < 2; t++) {
            try (ParamGrads g = grads(ws[t], bs[t])) {
                first.step(a, g);
            }
        }
        first.setLr(0, 0.03);
        OptimizerState saved = first.exportState();
        assertEquals(2L, saved.params().get("weight").step());
        assertEquals(java.util.Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"), saved.params().get("weight").tensors().keySet());

        Pair b = new Pair(F64);
        b.weight.set(a.weight.value().detach());
        b.bias.set(a.bias.value().detach());
        Optimizer resumed = config.init();
        resumed.importState(saved);
        assertEquals(0.03, resumed.lr(0));
        for (int t = 2; t < 4; t++) {
            try (ParamGrads g = grads(ws[t], bs[t])) {
                first.step(a, g);
            }
            try (ParamGrads g = grads(ws[t], bs[t])) {
                resumed.step(b, g);
            }
        }
        assertArrayEquals(a.weight.value().toDoubleArray(), b.weight.value().toDoubleArray(), 0.0);
        assertArrayEquals(a.bias.value().toDoubleArray(), b.bias.value().toDoubleArray(), 0.0);
        first.close();
        resumed.close();
        a.close();
        b.close();
    }

    /** y = x w + b with one input feature. */
    static final class Linear extends Module {
        final Param<Tensor2> weight;
        final Param<Tensor1> bias;

        Linear(TensorOptions options) {
            weight = Param.of(Tensor2.zeros(Shape.of(1, 1), options));
            bias = Param.of(Tensor1.zeros(Shape.of(1), options));
        }

        Tensor2 forward(Tensor2 x) {
            return x.matmul(weight.value()).add(bias.value().unsqueeze(0));
        }
    }

    @Test
    void adamTrainsLinearRegressionWithoutLeaking() {
        Device device = Device.of("nd4j").autodiff();
        TensorOptions options = TensorOptions.on(device);
        long baseline = device.backend().memoryStats().liveTensors();
        Linear model = new Linear(options);
        Optimizer opt = AdamConfig.of().withLr(0.1).init();
        double first = Double.NaN;
        double last = Double.NaN;
        try (TensorScope data = TensorScope.open()) {
            Tensor2 x = Tensor2.of(new float[][] {{-1}, {0}, {1}, {2}}, options);
            Tensor2 y = Tensor2.of(new float[][] {{-1}, {1}, {3}, {5}}, options);
            for (int step = 0; step < 200; step++) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor2 diff = model.forward(x).sub(y);
                    Tensor1 loss = diff.mul(diff).mean();
                    last = loss.item();
                    if (step == 0) {
                        first = last;
                    }
                    try (Grads g = loss.backward()) {
                        opt.step(model, g);
                    }
                }
            }
        }
        assertTrue(last < first / 100, "loss " + first + " -> " + last);
        opt.close();
        model.weight.value().close();
        model.bias.value().close();
        assertEquals(baseline, device.backend().memoryStats().liveTensors());
    }
}
