package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.ReferenceBackendExtension;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gradients of elementwise ops: both sides of every binary op under broadcasting, scalar ops, and unary math. */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class ElementwiseGradTest {
    static final Shape[][] BROADCAST = {
        {shape(2, 3), shape(2, 3)},
        {shape(2, 3), shape(1, 3)},
        {shape(2, 1), shape(1, 3)},
        {shape(1, 1, 4), shape(2, 3, 1)},
    };

    private interface Binary {
        TensorPrimitive apply(Backend b, TensorPrimitive x, TensorPrimitive y);
    }

    private interface Unary {
        TensorPrimitive apply(Backend b, TensorPrimitive x);
    }

    private final GradientCheck grad;

    ElementwiseGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    /** Cases of a binary op over the broadcast table, with operands from {@code lo..hi} (rhs from {@code rlo..rhi}). */
    private static List<GradCase> binary(String op, Binary call, double lo, double hi, double rlo, double rhi) {
        List<GradCase> cases = new ArrayList<>();
        for (Shape[] s : BROADCAST) {
            long seed = (op + Arrays.toString(s)).hashCode();
            cases.add(GradientCheck.of(op, s[0] + " , " + s[1])
                    .input(s[0], Data.uniform(seed, s[0].numelInt(), lo, hi))
                    .input(s[1], Data.uniform(seed + 1, s[1].numelInt(), rlo, rhi))
                    .run((b, in) -> call.apply(b, in.get(0), in.get(1))));
        }
        return cases;
    }

    /** Operands whose every pair (across both tensors) differs by at least 0.05, so maximum/minimum never tie. */
    private static List<GradCase> separatedBinary(String op, Binary call) {
        List<GradCase> cases = new ArrayList<>();
        for (Shape[] s : BROADCAST) {
            int na = s[0].numelInt();
            double[] all = Data.separated(op.hashCode(), na + s[1].numelInt(), -2, 2, 0.05);
            cases.add(GradientCheck.of(op, s[0] + " , " + s[1])
                    .input(s[0], Arrays.copyOfRange(all, 0, na))
                    .input(s[1], Arrays.copyOfRange(all, na, all.length))
                    .run((b, in) -> call.apply(b, in.get(0), in.get(1))));
        }
        return cases;
    }

    private static GradCase unary(String op, String label, Unary call, double[] values) {
        Shape s = shape(values.length);
        return GradientCheck.of(op, label + " " + s).input(s, values).run((b, in) -> call.apply(b, in.get(0)));
    }

    private static GradCase unary(String op, Unary call, double lo, double hi) {
        return unary(op, "[" + lo + ", " + hi + ")", call, Data.uniform(op.hashCode(), 7, lo, hi));
    }

    @TestFactory
    Stream<DynamicTest> binaryOps() {
        List<GradCase> cases = new ArrayList<>();
        cases.addAll(binary("add", Backend::add, -2, 2, -2, 2));
        cases.addAll(binary("sub", Backend::sub, -2, 2, -2, 2));
        cases.addAll(binary("mul", Backend::mul, -2, 2, -2, 2));
        cases.addAll(binary("div", Backend::div, -2, 2, 0.5, 2));
        cases.addAll(binary("pow", Backend::pow, 0.5, 2, -2, 2));
        cases.addAll(separatedBinary("maximum", Backend::maximum));
        cases.addAll(separatedBinary("minimum", Backend::minimum));
        // The same tensor on both sides: gradients from the two uses must add up.
        Shape s = shape(2, 3);
        cases.add(GradientCheck.of("mul", "x * x " + s).input(s, Data.uniform(5, 6, -2, 2)).run((b, in) -> b.mul(in.get(0), in.get(0))));
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> scalarOps() {
        return grad.tests(
                unary("addScalar", (b, x) -> b.addScalar(x, 1.5), -2, 2),
                unary("subScalar", (b, x) -> b.subScalar(x, 0.25), -2, 2),
                unary("mulScalar", (b, x) -> b.mulScalar(x, -2.5), -2, 2),
                unary("divScalar", (b, x) -> b.divScalar(x, 0.4), -2, 2),
                unary("rsubScalar", (b, x) -> b.rsubScalar(x, 3), -2, 2),
                unary("neg", Backend::neg, -2, 2),
                unary("powScalar", "^3", (b, x) -> b.powScalar(x, 3), Data.uniform(1, 7, -2, 2)),
                unary("powScalar", "^0.5", (b, x) -> b.powScalar(x, 0.5), Data.uniform(2, 7, 0.2, 3)),
                unary("powScalar", "^-1.5", (b, x) -> b.powScalar(x, -1.5), Data.uniform(3, 7, 0.2, 3)),
                unary("powScalar", "^2", (b, x) -> b.powScalar(x, 2), Data.uniform(4, 7, -2, 2)));
    }

    @TestFactory
    Stream<DynamicTest> unaryMath() {
        return grad.tests(
                unary("exp", Backend::exp, -3, 3),
                unary("log", Backend::log, 0.1, 5),
                unary("log1p", Backend::log1p, -0.8, 3),
                unary("sqrt", Backend::sqrt, 0.1, 5),
                unary("rsqrt", Backend::rsqrt, 0.1, 5),
                unary("recip", "away from 0", Backend::recip, Data.separated(9, 7, -3, 3, 0.05, -0.4, 0.4, 0)),
                unary("sin", Backend::sin, -4, 4),
                unary("cos", Backend::cos, -4, 4),
                unary("tanh", Backend::tanh, -3, 3),
                unary("erf", Backend::erf, -3, 3),
                unary("cast", "to F64/F32 (same dtype)", (b, x) -> b.cast(x, x.dtype()), Data.uniform(10, 5, -2, 2)));
    }

    /** Piecewise ops, with inputs kept at least 0.01 from their kinks. */
    @TestFactory
    Stream<DynamicTest> piecewise() {
        // Away from integers and halves, where floor, ceil and round jump.
        double[] halves = Data.arange(25, -6, 0.5);
        double[] smooth = Data.separated(11, 8, -5.5, 5.5, 0.01, halves);
        return grad.tests(
                unary("abs", "away from 0", Backend::abs, Data.separated(12, 8, -2, 2, 0.01, 0)),
                unary("sign", "away from 0", Backend::sign, Data.separated(13, 8, -2, 2, 0.01, 0)),
                unary("clamp", "[-0.5, 0.8]", (b, x) -> b.clamp(x, -0.5, 0.8), Data.separated(14, 10, -2, 2, 0.01, -0.5, 0.8)),
                unary("clamp", "[-inf, 0.3]", (b, x) -> b.clamp(x, Double.NEGATIVE_INFINITY, 0.3), Data.separated(15, 8, -2, 2, 0.01, 0.3)),
                unary("floor", "", Backend::floor, smooth),
                unary("ceil", "", Backend::ceil, smooth),
                unary("round", "", Backend::round, smooth));
    }
}
