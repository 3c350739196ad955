package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.ReferenceBackendExtension;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gradients of reductions, scans and sorting, over everything and along each dim. */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class ReductionGradTest {
    private static final Shape CUBE = shape(2, 3, 4);

    private interface DimOp {
        dev.burnj.backend.TensorPrimitive apply(dev.burnj.backend.Backend b, dev.burnj.backend.TensorPrimitive x, int dim);
    }

    private final GradientCheck grad;

    ReductionGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    private static GradCase whole(String op, double[] values, OpCase.SingleOp call) {
        return GradientCheck.of(op, CUBE.toString()).input(CUBE, values).run(call);
    }

    private static List<GradCase> perDim(String op, String detail, double[] values, DimOp call) {
        List<GradCase> cases = new ArrayList<>();
        for (int dim = 0; dim < CUBE.rank(); dim++) {
            int d = dim;
            cases.add(GradientCheck.of(op, CUBE + " dim " + d + detail).input(CUBE, values).run((b, in) -> call.apply(b, in.get(0), d)));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        double[] signed = Data.uniform(1, 24, -2, 2);
        // Distinct values: the maximum, minimum and sort order are unique and stay so under a step of eps.
        double[] distinct = Data.separated(2, 24, -2, 2, 0.01);
        // Magnitudes in [0.5, 1.5): products neither vanish nor blow up, and no factor is zero.
        double[] factors = Data.uniform(3, 24, 0.5, 1.5);
        for (int i = 0; i < factors.length; i += 3) {
            factors[i] = -factors[i];
        }
        List<GradCase> cases = new ArrayList<>();
        cases.add(whole("sum", signed, (b, in) -> b.sum(in.get(0))));
        cases.add(whole("prod", factors, (b, in) -> b.prod(in.get(0))));
        cases.add(whole("max", distinct, (b, in) -> b.max(in.get(0))));
        cases.add(whole("min", distinct, (b, in) -> b.min(in.get(0))));
        cases.add(whole("mean", signed, (b, in) -> b.mean(in.get(0))));
        cases.addAll(perDim("sumDim", "", signed, (b, x, d) -> b.sumDim(x, d)));
        cases.addAll(perDim("prodDim", "", factors, (b, x, d) -> b.prodDim(x, d)));
        cases.addAll(perDim("maxDim", "", distinct, (b, x, d) -> b.maxDim(x, d)));
        cases.addAll(perDim("minDim", "", distinct, (b, x, d) -> b.minDim(x, d)));
        cases.addAll(perDim("meanDim", "", signed, (b, x, d) -> b.meanDim(x, d)));
        cases.addAll(perDim("var", " correction 0", signed, (b, x, d) -> b.var(x, d, 0)));
        cases.addAll(perDim("var", " correction 1", signed, (b, x, d) -> b.var(x, d, 1)));
        cases.addAll(perDim("logSumExp", "", signed, (b, x, d) -> b.logSumExp(x, d)));
        cases.addAll(perDim("cumsum", "", signed, (b, x, d) -> b.cumsum(x, d)));
        cases.addAll(perDim("sort", " ascending", distinct, (b, x, d) -> b.sort(x, d, false)));
        cases.addAll(perDim("sort", " descending", distinct, (b, x, d) -> b.sort(x, d, true)));
        return grad.tests(cases);
    }
}
