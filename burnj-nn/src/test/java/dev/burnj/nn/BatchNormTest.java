package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private static final double[] GAMMA = {0.5, 2.0, -1.0};
    private static final double[] BETA = {0.1, -0.2, 0.3};

    private static void setAffine(BatchNorm bn, Device device) {
        bn.weight().set(Tensor1.from(data(GAMMA, 3), device));
        bn.bias().set(Tensor1.from(data(BETA, 3), device));
    }

    @Test
    void stateIsNamedAndShapedAsPytorch() {
        BatchNorm2d bn = BatchNormConfig.of(3).init2d(f64(CPU));
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"), List.copyOf(bn.namedState().keySet()));
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertArrayEquals(new double[] {1, 1, 1}, bn.weight().value().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0}, bn.bias().value().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0}, bn.runningMean().value().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, bn.runningVar().value().toDoubleArray());
        assertEquals(Shape.of(1), bn.numBatchesTracked().shape());
        assertTrue(bn.numBatchesTracked().isCounter(), "saved as PyTorch's int64 scalar");
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(BatchNormConfig.of(3).withAffine(false).init1d(f64(CPU)).namedState().keySet()));
    }

    @Test
    void trainingUsesBatchStatisticsAndUpdatesRunningStatsWithUnbiasedVariance() {
        double momentum = 0.3;
        BatchNorm1d bn = BatchNormConfig.of(3).withMomentum(momentum).init1d(f64(CPU));
        setAffine(bn, CPU);
        double[] mean = {0, 0, 0};
        double[] var = {1, 1, 1};
        for (int step = 0; step < 2; step++) {
            double[] x = randoms(4 * 3 * 5, 20 + step);
            try (TensorScope scope = TensorScope.open()) {
                Tensor3 out = bn.forward(Tensor3.from(data(x, 4, 3, 5), CPU));
                assertClose(Reference.batchNorm(x, 4, 3, 5, null, null, GAMMA, BETA, 1e-5), out.toDoubleArray(), 1e-10);
            }
            double[][] stats = Reference.channelStats(x, 4, 3, 5);
            for (int c = 0; c < 3; c++) {
                mean[c] = (1 - momentum) * mean[c] + momentum * stats[0][c];
                var[c] = (1 - momentum) * var[c] + momentum * stats[1][c] * 20 / 19;
            }
            assertClose(mean, bn.runningMean().value().toDoubleArray(), 1e-12);
            assertClose(var, bn.runningVar().value().toDoubleArray(), 1e-12);
        }
        assertEquals(2.0, bn.numBatchesTracked().value().item());

        bn.eval();
        double[] before = bn.runningMean().value().toDoubleArray();
        double[] x = randoms(2 * 3, 30);
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 out = bn.forward(Tensor2.from(data(x, 2, 3), CPU));
            assertClose(Reference.batchNorm(x, 2, 3, 1, mean, var, GAMMA, BETA, 1e-5), out.toDoubleArray(), 1e-10);
        }
        assertArrayEquals(before, bn.runningMean().value().toDoubleArray(), "eval mode writes no statistics");
        assertEquals(2.0, bn.numBatchesTracked().value().item());
    }

    @Test
    void batchNorm2dNormalisesOverBatchAndSpace() {
        BatchNorm2d bn = BatchNormConfig.of(3).withEps(1e-3).init2d(f64(CPU));
        setAffine(bn, CPU);
        double[] x = randoms(2 * 3 * 4 * 4, 31);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 out = bn.forward(Tensor4.from(data(x, 2, 3, 4, 4), CPU));
            assertClose(Reference.batchNorm(x, 2, 3, 16, null, null, GAMMA, BETA, 1e-3), out.toDoubleArray(), 1e-10);
        }
        double[][] stats = Reference.channelStats(x, 2, 3, 16);
        double[] expected = new double[3];
        for (int c = 0; c < 3; c++) {
            expected[c] = 0.9 + 0.1 * stats[1][c] * 32 / 31;
        }
        assertClose(expected, bn.runningVar().value().toDoubleArray(), 1e-12);
    }

    @Test
    void affineGradientsAreSumsOverTheNormalisedInput() {
        BatchNorm2d bn = BatchNormConfig.of(3).init2d(f64(AD));
        setAffine(bn, AD);
        double[] x = randoms(2 * 3 * 2 * 2, 32);
        double[] r = randoms(x.length, 33);
        double[] xhat = Reference.batchNorm(x, 2, 3, 4, null, null, null, null, 1e-5);
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 loss = bn.forward(Tensor4.from(data(x, 2, 3, 2, 2), AD)).mul(Tensor4.from(data(r, 2, 3, 2, 2), AD)).sum();
            try (Grads grads = loss.backward()) {
                double[] dw = new double[3];
                double[] db = new double[3];
                for (int i = 0; i < x.length; i++) {
                    int c = (i / 4) % 3;
                    dw[c] += r[i] * xhat[i];
                    db[c] += r[i];
                }
                assertClose(dw, grads.get(bn.weight().value()).toDoubleArray(), 1e-10);
                assertClose(db, grads.get(bn.bias().value()).toDoubleArray(), 1e-10);
            }
        }
        assertTrue(!bn.runningMean().value().requiresGrad(), "running statistics never track gradients");
    }

    @Test
    void oneValuePerChannelOrWrongChannelsFailInTraining() {
        BatchNorm1d bn = BatchNormConfig.of(3).init1d(f64(CPU));
        try (TensorScope scope = TensorScope.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor2.zeros(Shape.of(1, 3), f64(CPU))));
            assertTrue(e.getMessage().contains("BatchNorm1d"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor2.zeros(Shape.of(4, 2), f64(CPU))));
            assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("[4, 2]"), e.getMessage());
        }
    }
}
