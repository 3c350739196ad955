package dev.burnj.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import org.junit.jupiter.api.Test;

/** Each optimizer against an independent plain-Java version of PyTorch's documented algorithm, in F64. */
class OptimizerRulesTest {
    static final Device DEVICE = Device.of("nd4j");
    static final TensorOptions F64 = TensorOptions.on(DEVICE).withDType(dev.burnj.tensor.DType.F64);
    static final double[] START = {0.5, -1.25, 2.0, 0.0};
    static final double[][] GRADS = {{0.1, -0.4, 1.5, -0.2}, {-0.3, 0.2, 0.9, 0.05}, {0.7, -0.1, -2.0, 0.3}, {0.0, 0.6, 0.4, -0.9},
            {0.25, -0.75, 0.5, 0.1}};

    /** A module with one parameter vector. */
    static final class Vec extends Module {
        final Param<Tensor1> w;

        Vec(double[] values) {
            w = Param.of(Tensor1.of(values, F64));
        }
    }

    /** One update of a plain-Java reference; {@code t} counts from 1. */
    interface Reference {
        void step(double[] p, double[] g, int t);
    }

    static void check(Optimizer opt, Reference ref) {
        Vec vec = new Vec(START);
        double[] expected = START.clone();
        for (int t = 1; t <= GRADS.length; t++) {
            try (ParamGrads grads = ParamGrads.empty()) {
                grads.put("w", Tensor1.of(GRADS[t - 1], F64));
                opt.step(vec, grads);
            }
            ref.step(expected, GRADS[t - 1].clone(), t);
            assertArrayEquals(expected, vec.w.value().toDoubleArray(), 1e-12, "step " + t);
        }
        opt.close();
        vec.w.value().close();
    }

    @Test
    void sgdWithMomentumDampeningAndWeightDecay() {
        double lr = 0.1, mu = 0.9, damp = 0.2, wd = 0.01;
        double[] buf = new double[START.length];
        check(SgdConfig.of().withLr(lr).withMomentum(mu).withDampening(damp).withWeightDecay(wd).init(), (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + wd * p[i];
                buf[i] = t == 1 ? d : mu * buf[i] + (1 - damp) * d;
                p[i] -= lr * buf[i];
            }
        });
    }

    @Test
    void sgdNesterovAndPlain() {
        double lr = 0.05, mu = 0.8;
        double[] buf = new double[START.length];
        check(SgdConfig.of().withLr(lr).withMomentum(mu).withNesterov(true).init(), (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                buf[i] = t == 1 ? g[i] : mu * buf[i] + g[i];
                p[i] -= lr * (g[i] + mu * buf[i]);
            }
        });
        check(SgdConfig.of().withLr(lr).init(), (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * g[i];
            }
        });
        assertThrows(IllegalArgumentException.class, () -> SgdConfig.of().withNesterov(true).init());
    }

    static Reference adam(double lr, double b1, double b2, double eps, double wd, boolean decoupled, boolean amsgrad) {
        double[] m = new double[START.length], v = new double[START.length], vmax = new double[START.length];
        return (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (decoupled) {
                    p[i] *= 1 - lr * wd;
                } else {
                    gi += wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                vmax[i] = Math.max(vmax[i], v[i]);
                double second = amsgrad ? vmax[i] : v[i];
                double denom = Math.sqrt(second) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
            }
        };
    }

    @Test
    void adamWithL2AndAmsgrad() {
        check(AdamConfig.of().withLr(0.01).withBetas(0.8, 0.95).withWeightDecay(0.1).init(), adam(0.01, 0.8, 0.95, 1e-8, 0.1, false, false));
        check(AdamConfig.of().withLr(0.02).withAmsgrad(true).withEps(1e-6).init(), adam(0.02, 0.9, 0.999, 1e-6, 0, false, true));
    }

    @Test
    void adamWDecouplesWeightDecay() {
        check(AdamWConfig.of().withLr(0.01).withWeightDecay(0.1).init(), adam(0.01, 0.9, 0.999, 1e-8, 0.1, true, false));
        check(AdamWConfig.of().withLr(0.01).withAmsgrad(true).init(), adam(0.01, 0.9, 0.999, 1e-8, 0.01, true, true));
    }

    static Reference rmsprop(double lr, double alpha, double eps, double mu, boolean centered, double wd) {
        double[] sq = new double[START.length], ga = new double[START.length], buf = new double[START.length];
        return (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * gi * gi;
                double var = sq[i];
                if (centered) {
                    ga[i] = alpha * ga[i] + (1 - alpha) * gi;
                    var -= ga[i] * ga[i];
                }
                double avg = Math.sqrt(var) + eps;
                if (mu > 0) {
                    buf[i] = mu * buf[i] + gi / avg;
                    p[i] -= lr * buf[i];
                } else {
                    p[i] -= lr * gi / avg;
                }
            }
        };
    }

    @Test
    void rmspropPlainCenteredAndMomentum() {
        check(RmsPropConfig.of().init(), rmsprop(0.01, 0.99, 1e-8, 0, false, 0));
        check(RmsPropConfig.of().withLr(0.005).withAlpha(0.9).withCentered(true).withMomentum(0.5).withWeightDecay(0.02).init(),
                rmsprop(0.005, 0.9, 1e-8, 0.5, true, 0.02));
    }

    @Test
    void adagradWithDecayAndInitialAccumulator() {
        double lr = 0.1, decay = 0.05, init = 0.3, eps = 1e-10, wd = 0.01;
        double[] sum = new double[START.length];
        java.util.Arrays.fill(sum, init);
        check(AdagradConfig.of().withLr(lr).withLrDecay(decay).withInitialAccumulator(init).withWeightDecay(wd).init(), (p, g, t) -> {
            double clr = lr / (1 + (t - 1) * decay);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + wd * p[i];
                sum[i] += gi * gi;
                p[i] -= clr * gi / (Math.sqrt(sum[i]) + eps);
            }
        });
    }

    @Test
    void skipsFrozenAndMissingAndRejectsWrongShapes() {
        Vec vec = new Vec(START);
        Optimizer opt = SgdConfig.of().withLr(1).init();
        try (ParamGrads none = ParamGrads.empty()) {
            opt.step(vec, none);
        }
        assertArrayEquals(START, vec.w.value().toDoubleArray());
        vec.w.setTrainable(false);
        try (ParamGrads grads = ParamGrads.empty()) {
            grads.put("w", Tensor1.of(GRADS[0], F64));
            opt.step(vec, grads);
            assertArrayEquals(START, vec.w.value().toDoubleArray());
            vec.w.setTrainable(true);
            grads.put("w", Tensor2.of(new double[][] {{1, 2}, {3, 4}}, F64));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.step(vec, grads));
            assertEquals("gradient of 'w' has shape [2, 2] but the parameter has shape [4]", e.getMessage());
        }
        vec.w.value().close();
    }
}
