package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceReduction;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.Tolerance;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reductions, scans and ordering (NumericOps, FloatOps) along every dim and over everything. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class ReductionTest {
    private static final Shape CUBE = shape(2, 3, 4);

    /** Small integers, so lanes contain ties: argmax/argmin must pick the first, sorts must be stable. */
    private static final Gen TIES = (dt, s, seed) -> Data.of(dt, s, Data.ints(seed, s.numelInt(), -2, 2));

    private final BackendUnderTest but;

    ReductionTest(BackendUnderTest but) {
        this.but = but;
    }

    /**
     * F32 sums round relative to the magnitude of the terms, not of the result, which may cancel to near zero; the
     * absolute bound therefore follows the terms (about 24 values of magnitude 2).
     */
    private static Tolerance accumulating(DType dt) {
        return dt == DType.F32 ? new Tolerance(1e-5, 1e-5) : Tolerance.of(dt);
    }

    private interface DimCall {
        dev.burnj.backend.TensorPrimitive apply(dev.burnj.backend.Backend b, dev.burnj.backend.TensorPrimitive x, int dim);
    }

    private static List<OpCase> perDim(String op, String detail, DimCall call, ToDoubleFunction<double[]> lane, List<DType> dtypes, Gen gen,
            boolean indices) {
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < CUBE.rank(); dim++) {
            int d = dim;
            cases.add(OpCase.of(op, CUBE + " dim " + d + detail).dtypes(dtypes)
                    .inputs(dt -> List.of(gen.make(dt, CUBE, op.hashCode() + d)))
                    .run((b, in) -> call.apply(b, in.get(0), d))
                    .expect(in -> ReferenceReduction.reduceDim(in.get(0), d, lane, indices ? DType.I64 : in.get(0).dtype()))
                    .tolerance(ReductionTest::accumulating));
        }
        return cases;
    }

    private static List<OpCase> scan(String op, String detail, DimCall call, UnaryOperator<double[]> lane, List<DType> dtypes, Gen gen,
            boolean indices) {
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < CUBE.rank(); dim++) {
            int d = dim;
            cases.add(OpCase.of(op, CUBE + " dim " + d + detail).dtypes(dtypes)
                    .inputs(dt -> List.of(gen.make(dt, CUBE, op.hashCode() + d)))
                    .run((b, in) -> call.apply(b, in.get(0), d))
                    .expect(in -> ReferenceReduction.lanes(in.get(0), d, CUBE.dim(d), lane, indices ? DType.I64 : in.get(0).dtype()))
                    .tolerance(ReductionTest::accumulating));
        }
        return cases;
    }

    private interface AllCall {
        dev.burnj.backend.TensorPrimitive apply(dev.burnj.backend.Backend b, dev.burnj.backend.TensorPrimitive x);
    }

    private static OpCase all(String op, AllCall call, ToDoubleFunction<double[]> f, List<DType> dtypes, Gen gen, Shape shape) {
        return OpCase.of(op, shape.toString()).dtypes(dtypes)
                .inputs(dt -> List.of(gen.make(dt, shape, op.hashCode())))
                .run((b, in) -> call.apply(b, in.get(0)))
                .expect(in -> ReferenceReduction.reduceAll(in.get(0), f, in.get(0).dtype()))
                .tolerance(ReductionTest::accumulating);
    }

    @TestFactory
    Stream<DynamicTest> reduceAll() {
        return OpCase.all(but,
                all("sum", (b, x) -> b.sum(x), ReferenceReduction::sum, Gen.NUMERIC, Gen.SIGNED, CUBE),
                all("prod", (b, x) -> b.prod(x), ReferenceReduction::prod, Gen.NUMERIC, Gen.range(-3, 3), shape(2, 3)),
                all("max", (b, x) -> b.max(x), ReferenceReduction::max, Gen.NUMERIC, Gen.SIGNED, CUBE),
                all("min", (b, x) -> b.min(x), ReferenceReduction::min, Gen.NUMERIC, Gen.SIGNED, CUBE),
                all("mean", (b, x) -> b.mean(x), ReferenceReduction::mean, Gen.FLOATS, Gen.SIGNED, CUBE),
                all("sum", (b, x) -> b.sum(x), ReferenceReduction::sum, Gen.NUMERIC, Gen.SIGNED, shape(5)),
                // The sum of no elements is 0 (and keeps shape [1]).
                all("sum", (b, x) -> b.sum(x), ReferenceReduction::sum, Gen.NUMERIC, Gen.SIGNED, shape(0, 3)));
    }

    @TestFactory
    Stream<DynamicTest> reduceDim() {
        List<OpCase> cases = new ArrayList<>();
        cases.addAll(perDim("sumDim", "", (b, x, d) -> b.sumDim(x, d), ReferenceReduction::sum, Gen.NUMERIC, Gen.SIGNED, false));
        cases.addAll(perDim("prodDim", "", (b, x, d) -> b.prodDim(x, d), ReferenceReduction::prod, Gen.NUMERIC, Gen.range(-3, 3), false));
        cases.addAll(perDim("maxDim", "", (b, x, d) -> b.maxDim(x, d), ReferenceReduction::max, Gen.NUMERIC, Gen.SIGNED, false));
        cases.addAll(perDim("minDim", "", (b, x, d) -> b.minDim(x, d), ReferenceReduction::min, Gen.NUMERIC, Gen.SIGNED, false));
        cases.addAll(perDim("meanDim", "", (b, x, d) -> b.meanDim(x, d), ReferenceReduction::mean, Gen.FLOATS, Gen.SIGNED, false));
        cases.addAll(perDim("var", " correction 0", (b, x, d) -> b.var(x, d, 0), l -> ReferenceReduction.var(l, 0), Gen.FLOATS,
                Gen.SIGNED, false));
        cases.addAll(perDim("var", " correction 1", (b, x, d) -> b.var(x, d, 1), l -> ReferenceReduction.var(l, 1), Gen.FLOATS,
                Gen.SIGNED, false));
        cases.addAll(perDim("logSumExp", "", (b, x, d) -> b.logSumExp(x, d), ReferenceReduction::logSumExp, Gen.FLOATS, Gen.SIGNED, false));
        // Values near 1000 overflow exp unless the implementation shifts by the maximum.
        cases.addAll(perDim("logSumExp", " near 1000", (b, x, d) -> b.logSumExp(x, d), ReferenceReduction::logSumExp, Gen.FLOATS,
                Gen.range(995, 1000), false));
        cases.add(OpCase.of("sumDim", "[2, 0] dim 1").dtypes(Gen.NUMERIC).inputs(dt -> List.of(Gen.SIGNED.make(dt, shape(2, 0), 1)))
                .run((b, in) -> b.sumDim(in.get(0), 1))
                .expect(in -> ReferenceReduction.reduceDim(in.get(0), 1, ReferenceReduction::sum, in.get(0).dtype())));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> argReductions() {
        List<OpCase> cases = new ArrayList<>();
        cases.addAll(perDim("argmax", " ties", (b, x, d) -> b.argmax(x, d), ReferenceReduction::argmax, Gen.NUMERIC, TIES, true));
        cases.addAll(perDim("argmin", " ties", (b, x, d) -> b.argmin(x, d), ReferenceReduction::argmin, Gen.NUMERIC, TIES, true));
        cases.addAll(perDim("argmax", " distinct", (b, x, d) -> b.argmax(x, d), ReferenceReduction::argmax, Gen.FLOATS, Gen.SIGNED, true));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> scans() {
        List<OpCase> cases = new ArrayList<>();
        cases.addAll(scan("cumsum", "", (b, x, d) -> b.cumsum(x, d), ReferenceReduction::cumsum, Gen.NUMERIC, Gen.SIGNED, false));
        for (boolean desc : new boolean[] {false, true}) {
            String order = desc ? " descending" : " ascending";
            cases.addAll(scan("argsort", " ties" + order, (b, x, d) -> b.argsort(x, d, desc), l -> ReferenceReduction.argsort(l, desc),
                    Gen.NUMERIC,
                    TIES, true));
            cases.addAll(scan("sort", order, (b, x, d) -> b.sort(x, d, desc), l -> ReferenceReduction.sort(l, desc), Gen.NUMERIC,
                    Gen.SIGNED, false));
            Shape lane = shape(9);
            // A lane with many ties: stability decides every index.
            cases.add(OpCase.of("argsort", lane + " ties" + order).dtypes(Gen.NUMERIC)
                    .inputs(dt -> List.of(Gen.values(1, 0, 1, 2, 0, 1, 2, 0, 1).make(dt, lane, 0)))
                    .run((b, in) -> b.argsort(in.get(0), 0, desc))
                    .expect(in -> ReferenceReduction.lanes(in.get(0), 0, 9, l -> ReferenceReduction.argsort(l, desc), DType.I64)));
        }
        return OpCase.all(but, cases);
    }
}
