package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.reference.ReferenceElementwise;
import dev.burnj.conformance.reference.ReferenceMath;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Elementwise arithmetic (NumericOps) and float math (FloatOps) against the reference, with broadcasting. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class ElementwiseTest {
    /** Shape pairs covering size-1 broadcasting on the right, the left and both sides. */
    private static final Shape[][] BROADCAST = {
        {shape(2, 3), shape(2, 3)},
        {shape(2, 3), shape(1, 3)},
        {shape(3, 1), shape(3, 4)},
        {shape(2, 1), shape(1, 3)},
        {shape(1, 1, 4), shape(2, 3, 1)},
        {shape(2, 3, 4), shape(2, 3, 4)},
    };

    private interface Binary {
        TensorPrimitive apply(Backend b, TensorPrimitive x, TensorPrimitive y);
    }

    private interface Unary {
        TensorPrimitive apply(Backend b, TensorPrimitive x);
    }

    private final BackendUnderTest but;

    ElementwiseTest(BackendUnderTest but) {
        this.but = but;
    }

    private static List<OpCase> binary(String op, Binary call, DoubleBinaryOperator floats, DoubleBinaryOperator ints, List<DType> dtypes,
            Gen lhs, Gen rhs) {
        List<OpCase> cases = new ArrayList<>();
        int seed = op.hashCode();
        for (Shape[] s : BROADCAST) {
            cases.add(OpCase.of(op, s[0] + " , " + s[1]).dtypes(dtypes)
                    .inputs(dt -> List.of(lhs.make(dt, s[0], seed), rhs.make(dt, s[1], seed + 7)))
                    .run((b, in) -> call.apply(b, in.get(0), in.get(1)))
                    .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), in.get(0).dtype().isFloat() ? floats : ints)));
        }
        return cases;
    }

    private static OpCase unary(String op, String label, Unary call, DoubleUnaryOperator f, List<DType> dtypes, Gen gen, Shape shape) {
        return OpCase.of(op, label + " " + shape).dtypes(dtypes)
                .inputs(dt -> List.of(gen.make(dt, shape, op.hashCode())))
                .run((b, in) -> call.apply(b, in.get(0)))
                .expect(in -> ReferenceElementwise.map(in.get(0), f));
    }

    private static OpCase unary(String op, Unary call, DoubleUnaryOperator f, Gen gen) {
        return unary(op, "", call, f, Gen.FLOATS, gen, shape(3, 4));
    }

    @TestFactory
    Stream<DynamicTest> add() {
        return OpCase.all(but, binary("add", Backend::add, Double::sum, Double::sum, Gen.NUMERIC, Gen.SIGNED, Gen.SIGNED));
    }

    @TestFactory
    Stream<DynamicTest> sub() {
        return OpCase.all(but, binary("sub", Backend::sub, (a, b) -> a - b, (a, b) -> a - b, Gen.NUMERIC, Gen.SIGNED, Gen.SIGNED));
    }

    @TestFactory
    Stream<DynamicTest> mul() {
        return OpCase.all(but, binary("mul", Backend::mul, (a, b) -> a * b, (a, b) -> a * b, Gen.NUMERIC, Gen.SIGNED, Gen.SIGNED));
    }

    /** Float division is true division; int division is floor division (negative operands round down). */
    @TestFactory
    Stream<DynamicTest> div() {
        return OpCase.all(but, binary("div", Backend::div, (a, b) -> a / b, ReferenceMath::floorDiv, Gen.NUMERIC, Gen.SIGNED,
                Gen.NON_ZERO));
    }

    @TestFactory
    Stream<DynamicTest> maximum() {
        return OpCase.all(but, binary("maximum", Backend::maximum, Math::max, Math::max, Gen.NUMERIC, Gen.SIGNED, Gen.SIGNED));
    }

    @TestFactory
    Stream<DynamicTest> minimum() {
        return OpCase.all(but, binary("minimum", Backend::minimum, Math::min, Math::min, Gen.NUMERIC, Gen.SIGNED, Gen.SIGNED));
    }

    private List<OpCase> scalar(String op, double floatScalar, double intScalar, Unary floatCall, Unary intCall,
            DoubleUnaryOperator floatRef,
            DoubleUnaryOperator intRef) {
        Shape s = shape(3, 4);
        return List.of(
                OpCase.of(op, s + " , " + floatScalar).dtypes(Gen.FLOATS).inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 11)))
                        .run((b, in) -> floatCall.apply(b, in.get(0))).expect(in -> ReferenceElementwise.map(in.get(0), floatRef)),
                OpCase.of(op, s + " , " + intScalar).dtypes(Gen.INTS).inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 12)))
                        .run((b, in) -> intCall.apply(b, in.get(0))).expect(in -> ReferenceElementwise.map(in.get(0), intRef)));
    }

    @TestFactory
    Stream<DynamicTest> scalarOps() {
        List<OpCase> cases = new ArrayList<>();
        cases.addAll(scalar("addScalar", 1.25, 3, (b, x) -> b.addScalar(x, 1.25), (b, x) -> b.addScalar(x, 3), x -> x + 1.25, x -> x + 3));
        cases.addAll(scalar("subScalar", 0.75, -2, (b, x) -> b.subScalar(x, 0.75), (b, x) -> b.subScalar(x, -2), x -> x - 0.75,
                x -> x + 2));
        cases.addAll(scalar("mulScalar", -1.5, 3, (b, x) -> b.mulScalar(x, -1.5), (b, x) -> b.mulScalar(x, 3), x -> x * -1.5, x -> x * 3));
        // Int division by a scalar floors too: -7 / 2 = -4 and 7 / -2 = -4.
        cases.addAll(scalar("divScalar", 0.4, 2, (b, x) -> b.divScalar(x, 0.4), (b, x) -> b.divScalar(x, 2), x -> x / 0.4,
                x -> Math.floor(x / 2)));
        cases.addAll(scalar("divScalar", -4, -2, (b, x) -> b.divScalar(x, -4), (b, x) -> b.divScalar(x, -2), x -> x / -4,
                x -> Math.floor(x / -2)));
        cases.addAll(scalar("rsubScalar", 2.5, 5, (b, x) -> b.rsubScalar(x, 2.5), (b, x) -> b.rsubScalar(x, 5), x -> 2.5 - x, x -> 5 - x));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> numericUnary() {
        Shape s = shape(3, 4);
        // Zeros are included on purpose: sign(0) = 0 and abs(-0) = 0.
        Gen withZeros = Gen.values(-3, 0, 2, -0.5, 1.5, 0, -7, 4, 1, -1, 0.25, -2);
        return OpCase.all(but,
                unary("neg", "", Backend::neg, x -> -x, Gen.NUMERIC, Gen.SIGNED, s),
                unary("abs", "", Backend::abs, Math::abs, Gen.NUMERIC, withZeros, s),
                unary("sign", "", Backend::sign, Math::signum, Gen.NUMERIC, withZeros, s),
                unary("clamp", "[-1, 1.5]", (b, x) -> b.clamp(x, -1, 1.5), x -> Math.min(Math.max(x, -1), 1.5), Gen.FLOATS, Gen.SIGNED, s),
                unary("clamp", "[-3, 4]", (b, x) -> b.clamp(x, -3, 4), x -> Math.min(Math.max(x, -3), 4), Gen.INTS, Gen.SIGNED, s),
                unary("clamp", "[-inf, 0.5]", (b, x) -> b.clamp(x, Double.NEGATIVE_INFINITY, 0.5), x -> Math.min(x, 0.5), Gen.FLOATS,
                        Gen.SIGNED, s),
                unary("clamp", "[-0.5, inf]", (b, x) -> b.clamp(x, -0.5, Double.POSITIVE_INFINITY), x -> Math.max(x, -0.5), Gen.FLOATS,
                        Gen.SIGNED, s),
                unary("clamp", "[0, inf]", (b, x) -> b.clamp(x, 0, Double.POSITIVE_INFINITY), x -> Math.max(x, 0), Gen.INTS, Gen.SIGNED,
                        s));
    }

    @TestFactory
    Stream<DynamicTest> floatMath() {
        return OpCase.all(but,
                unary("exp", Backend::exp, Math::exp, Gen.range(-4, 4)),
                unary("log", Backend::log, Math::log, Gen.range(0.05, 6)),
                unary("log1p", Backend::log1p, Math::log1p, Gen.range(-0.9, 3)),
                unary("log1p", "tiny", Backend::log1p, Math::log1p, Gen.FLOATS, Gen.values(1e-10, -3e-9, 2e-12, 1e-7), shape(4)),
                unary("sqrt", Backend::sqrt, Math::sqrt, Gen.range(0, 5)),
                unary("sqrt", "exact", Backend::sqrt, Math::sqrt, Gen.FLOATS, Gen.values(0, 1, 4, 2.25, 100), shape(5)),
                unary("rsqrt", Backend::rsqrt, x -> 1 / Math.sqrt(x), Gen.range(0.1, 5)),
                unary("recip", Backend::recip, x -> 1 / x, Gen.NON_ZERO),
                unary("sin", Backend::sin, Math::sin, Gen.range(-6, 6)),
                unary("cos", Backend::cos, Math::cos, Gen.range(-6, 6)),
                unary("tanh", Backend::tanh, Math::tanh, Gen.range(-4, 4)),
                unary("tanh", "saturated", Backend::tanh, Math::tanh, Gen.FLOATS, Gen.values(-30, -19, 0, 19, 30, 1e-9), shape(6)),
                unary("erf", Backend::erf, ReferenceMath::erf, Gen.range(-4, 4)),
                unary("erf", "tails", Backend::erf, ReferenceMath::erf, Gen.FLOATS, Gen.values(0, 1e-8, -0.5, 2.9, 3.1, -4.5, 6, -7),
                        shape(8)));
    }

    /** Rounding ops, including halves: round is half-to-even (0.5 to 0, 1.5 and 2.5 to 2, -2.5 to -2). */
    @TestFactory
    Stream<DynamicTest> rounding() {
        Gen halves = Gen.values(-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, -3.5, 2.4999, -0.7, 0.2, 7, -7, 1.75, -1.25, 0);
        Shape s = shape(4, 4);
        return OpCase.all(but,
                unary("floor", "", Backend::floor, Math::floor, Gen.FLOATS, halves, s),
                unary("ceil", "", Backend::ceil, Math::ceil, Gen.FLOATS, halves, s),
                unary("round", "", Backend::round, Math::rint, Gen.FLOATS, halves, s),
                unary("floor", "random", Backend::floor, Math::floor, Gen.FLOATS, Gen.range(-5, 5), shape(3, 5)),
                unary("round", "random", Backend::round, Math::rint, Gen.FLOATS, Gen.range(-5, 5), shape(3, 5)));
    }

    @TestFactory
    Stream<DynamicTest> pow() {
        List<OpCase> cases = new ArrayList<>(binary("pow", Backend::pow, Math::pow, Math::pow, Gen.FLOATS, Gen.range(0.2, 3),
                Gen.range(-2, 2.5)));
        // A negative base is defined for integer exponents.
        cases.add(OpCase.of("pow", "negative base, integer exponents [6]").dtypes(Gen.FLOATS)
                .inputs(dt -> List.of(Gen.values(-2, -1.5, -0.5, -3, 2, -1).make(dt, shape(6), 0),
                        Gen.values(2, 3, -1, 0, 3, -2).make(dt, shape(6), 0)))
                .run((b, in) -> b.pow(in.get(0), in.get(1)))
                .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), Math::pow)));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> powScalar() {
        List<OpCase> cases = new ArrayList<>();
        for (double e : new double[] {2, 3, 0.5, -1, 0, -0.5, 1.7}) {
            cases.add(unary("powScalar", "^" + e, (b, x) -> b.powScalar(x, e), x -> Math.pow(x, e), Gen.FLOATS, Gen.range(0.2, 3),
                    shape(3, 4)));
        }
        for (double e : new double[] {2, 3}) {
            cases.add(unary("powScalar", "signed ^" + e, (b, x) -> b.powScalar(x, e), x -> Math.pow(x, e), Gen.FLOATS, Gen.SIGNED,
                    shape(3, 4)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> emptyTensors() {
        Shape empty = shape(0, 3);
        return OpCase.all(but,
                OpCase.of("add", empty + " , " + shape(1, 3)).dtypes(Gen.NUMERIC)
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, empty, 1), Gen.SIGNED.make(dt, shape(1, 3), 2)))
                        .run((b, in) -> b.add(in.get(0), in.get(1)))
                        .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), Double::sum)),
                unary("exp", "empty", Backend::exp, Math::exp, Gen.FLOATS, Gen.SIGNED, empty));
    }
}
