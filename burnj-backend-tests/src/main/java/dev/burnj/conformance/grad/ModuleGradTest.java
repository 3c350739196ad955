package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.ModuleConfigs;
import dev.burnj.conformance.support.ModuleConfigs.Conv;
import dev.burnj.conformance.support.ModuleConfigs.ConvT;
import dev.burnj.conformance.support.ModuleConfigs.Pool;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.ReferenceBackendExtension;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gradients through the module ops on the autodiff backend (which exercises the backward kernels the way training
 * does): input, weight and bias of every convolution configuration, the input of every pooling and
 * interpolation configuration, and the logits of the cross-entropy.
 */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class ModuleGradTest {
    private final GradientCheck grad;

    ModuleGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    private static double[] values(Shape s, long seed) {
        return Data.uniform(seed, s.numelInt(), -2, 2);
    }

    /** Distinct values 0.01 apart: every pooling window has a unique maximum that a step of eps cannot change. */
    private static double[] distinct(Shape s) {
        return Data.separated(s.hashCode(), s.numelInt(), -3, 3, 0.01);
    }

    @TestFactory
    Stream<DynamicTest> convolutions() {
        List<GradCase> cases = new ArrayList<>();
        for (Conv c : ModuleConfigs.CONVS) {
            GradCase g = GradientCheck.of("conv2d", c.toString()).input(c.input(), values(c.input(), 1)).input(c.weight(),
                    values(c.weight(), 2));
            if (c.bias()) {
                g.input(shape(c.outChannels()), values(shape(c.outChannels()), 3));
            }
            cases.add(g.run((b, in) -> b.conv2d(in.get(0), in.get(1), c.bias() ? in.get(2) : null, c.options())));
        }
        for (ConvT c : ModuleConfigs.CONV_TRANSPOSES) {
            GradCase g = GradientCheck.of("convTranspose2d", c.toString()).input(c.input(), values(c.input(), 4))
                    .input(c.weight(), values(c.weight(), 5));
            if (c.bias()) {
                g.input(shape(c.outChannels()), values(shape(c.outChannels()), 6));
            }
            cases.add(g.run((b, in) -> b.convTranspose2d(in.get(0), in.get(1), c.bias() ? in.get(2) : null, c.options())));
        }
        Shape x = shape(2, 4, 7);
        Shape w = shape(2, 2, 3);
        ConvOptions o = new ConvOptions(new int[] {2}, new int[] {1}, new int[] {2}, 2);
        cases.add(GradientCheck.of("conv1d", "x " + x + " w " + w + " +bias " + o).input(x, values(x, 7)).input(w, values(w, 8))
                .input(shape(2), values(shape(2), 9)).run((b, in) -> b.conv1d(in.get(0), in.get(1), in.get(2), o)));
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> pooling() {
        List<GradCase> cases = new ArrayList<>();
        for (Pool p : ModuleConfigs.MAX_POOLS) {
            cases.add(GradientCheck.of("maxPool2dWithIndices", p.toString()).input(p.input(), distinct(p.input())).run((b, in) -> {
                MaxPoolResult r = b.maxPool2dWithIndices(in.get(0), p.options());
                r.indices().release();
                return r.values();
            }));
        }
        for (Pool p : ModuleConfigs.AVG_POOLS) {
            cases.add(GradientCheck.of("avgPool2d", p.toString()).input(p.input(), values(p.input(), 10))
                    .run((b, in) -> b.avgPool2d(in.get(0), p.options())));
        }
        Shape in1 = shape(2, 2, 9);
        for (PoolOptions o : ModuleConfigs.POOLS_1D) {
            cases.add(GradientCheck.of("avgPool1d", in1 + " " + o).input(in1, values(in1, 11)).run((b, in) -> b.avgPool1d(in.get(0), o)));
            cases.add(GradientCheck.of("maxPool1dWithIndices", in1 + " " + o).input(in1, distinct(in1)).run((b, in) -> {
                MaxPoolResult r = b.maxPool1dWithIndices(in.get(0), o);
                r.indices().release();
                return r.values();
            }));
        }
        for (int[] size : ModuleConfigs.ADAPTIVE_SIZES) {
            Shape s = ModuleConfigs.ADAPTIVE_INPUT;
            cases.add(GradientCheck.of("adaptiveAvgPool2d", s + " to " + size[0] + "x" + size[1]).input(s, values(s, 12))
                    .run((b, in) -> b.adaptiveAvgPool2d(in.get(0), size[0], size[1])));
        }
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> interpolation() {
        List<GradCase> cases = new ArrayList<>();
        Shape s = ModuleConfigs.INTERPOLATE_INPUT;
        for (InterpolateMode mode : InterpolateMode.values()) {
            for (int[] size : ModuleConfigs.INTERPOLATE_SIZES) {
                cases.add(GradientCheck.of("interpolate", s + " to " + size[0] + "x" + size[1] + " " + mode).input(s, values(s, 13))
                        .run((b, in) -> b.interpolate(in.get(0), size[0], size[1], mode)));
            }
        }
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> crossEntropy() {
        Shape logits = shape(4, 3);
        List<GradCase> cases = new ArrayList<>();
        cases.add(GradientCheck.of("crossEntropy", logits + " targets [2, 0, 1, 2]").input(logits, values(logits, 40))
                .constant(Data.i64(shape(4), 2, 0, 1, 2))
                .run((b, in) -> b.crossEntropy(in.get(0), in.get(1))));
        Shape one = shape(1, 5);
        cases.add(GradientCheck.of("crossEntropy", one + " target [4]").input(one, values(one, 41))
                .constant(Data.i64(shape(1), 4))
                .run((b, in) -> b.crossEntropy(in.get(0), in.get(1))));
        return grad.tests(cases);
    }
}
