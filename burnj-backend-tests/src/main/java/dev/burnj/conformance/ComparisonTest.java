package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.Comparison;
import dev.burnj.conformance.reference.ReferenceElementwise;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Comparisons, {@code where} and {@code maskFill} (TensorOps) against the reference. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class ComparisonTest {
    private static final Shape[][] SHAPES = {
        {shape(2, 3), shape(2, 3)},
        {shape(2, 3), shape(1, 3)},
        {shape(2, 1), shape(1, 3)},
    };

    /** Small integers, so that equal elements (ties) occur in every dtype. */
    private static final Gen TIES = (dt, s, seed) -> Data.of(dt, s, Data.ints(seed, s.numelInt(), -2, 2));

    private final BackendUnderTest but;

    ComparisonTest(BackendUnderTest but) {
        this.but = but;
    }

    @TestFactory
    Stream<DynamicTest> compare() {
        List<OpCase> cases = new ArrayList<>();
        for (Comparison op : Comparison.values()) {
            for (Shape[] s : SHAPES) {
                boolean orderedOp = op != Comparison.EQ && op != Comparison.NE;
                cases.add(OpCase.of("compare", op + " " + s[0] + " , " + s[1]).dtypes(orderedOp ? Gen.NUMERIC : Gen.ALL)
                        .inputs(dt -> List.of(TIES.make(dt, s[0], 3), TIES.make(dt, s[1], 4)))
                        .run((b, in) -> b.compare(in.get(0), in.get(1), op))
                        .expect(in -> ReferenceElementwise.zipTo(in.get(0), in.get(1), (x, y) -> ReferenceElementwise.compare(op.name(),
                                x, y),
                                DType.BOOL)));
            }
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> compareScalar() {
        List<OpCase> cases = new ArrayList<>();
        Shape s = shape(3, 4);
        for (Comparison op : Comparison.values()) {
            // 1 ties with elements; 0.5 is between integers, so int tensors compare as numbers, not truncated.
            for (double scalar : new double[] {1, 0.5, -1.5}) {
                cases.add(OpCase.of("compareScalar", op + " " + s + " , " + scalar).dtypes(Gen.NUMERIC)
                        .inputs(dt -> List.of(TIES.make(dt, s, 5)))
                        .run((b, in) -> b.compareScalar(in.get(0), scalar, op))
                        .expect(in -> ReferenceElementwise.mapTo(in.get(0), x -> ReferenceElementwise.compare(op.name(), x, scalar),
                                DType.BOOL)));
            }
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> where() {
        Shape[][] shapes = {
            {shape(2, 3), shape(2, 3), shape(2, 3)},
            {shape(2, 3), shape(1, 3), shape(2, 1)},
            {shape(1, 3), shape(2, 3), shape(2, 3)},
            {shape(2, 1, 4), shape(1, 3, 1), shape(2, 3, 4)},
        };
        List<OpCase> cases = new ArrayList<>();
        for (Shape[] s : shapes) {
            cases.add(OpCase.of("where", "cond " + s[0] + " , " + s[1] + " , " + s[2]).dtypes(Gen.ALL)
                    .inputs(dt -> List.of(Data.of(DType.BOOL, s[0], Data.coin(8, s[0].numelInt())), Gen.SIGNED.make(dt, s[1], 9),
                            Gen.SIGNED.make(dt, s[2], 10)))
                    .run((b, in) -> b.where(in.get(0), in.get(1), in.get(2)))
                    .expect(in -> ReferenceElementwise.where(in.get(0), in.get(1), in.get(2))));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> maskFill() {
        Shape[][] shapes = {{shape(3, 4), shape(3, 4)}, {shape(3, 4), shape(1, 4)}, {shape(2, 3, 4), shape(2, 1, 1)}};
        List<OpCase> cases = new ArrayList<>();
        for (Shape[] s : shapes) {
            cases.add(OpCase.of("maskFill", s[0] + " mask " + s[1]).dtypes(Gen.ALL)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, s[0], 11), Data.of(DType.BOOL, s[1], Data.coin(12, s[1].numelInt()))))
                    .run((b, in) -> b.maskFill(in.get(0), in.get(1), fillValue(in.get(0).dtype())))
                    .expect(in -> ReferenceElementwise.maskFill(in.get(0), in.get(1), fillValue(in.get(0).dtype()))));
        }
        return OpCase.all(but, cases);
    }

    /** A value representable in {@code dtype}: -3.5 for floats, -3 for ints, true for bools. */
    private static double fillValue(DType dtype) {
        return dtype.isFloat() ? -3.5 : dtype.isInt() ? -3 : 1;
    }
}
