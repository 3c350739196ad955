package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.reference.ReferenceElementwise;
import dev.burnj.conformance.reference.ReferenceReduction;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** BoolOps: logical and/or/xor/not with broadcasting, any and all (including all-false and all-true inputs). */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class BoolOpsTest {
    private interface Binary {
        TensorPrimitive apply(Backend b, TensorPrimitive x, TensorPrimitive y);
    }

    private final BackendUnderTest but;

    BoolOpsTest(BackendUnderTest but) {
        this.but = but;
    }

    private static OpCase bools(String op, String label, List<Shape> shapes, OpCase.SingleOp call, OpCase.SingleReference ref, long seed) {
        return OpCase.of(op, label).dtypes(DType.BOOL)
                .inputs(dt -> {
                    List<dev.burnj.tensor.TensorData> in = new ArrayList<>();
                    for (int i = 0; i < shapes.size(); i++) {
                        in.add(Data.of(DType.BOOL, shapes.get(i), Data.coin(seed + i, shapes.get(i).numelInt())));
                    }
                    return in;
                })
                .run(call)
                .expect(ref);
    }

    @TestFactory
    Stream<DynamicTest> logical() {
        Shape[][] shapes = {{shape(3, 4), shape(3, 4)}, {shape(3, 4), shape(1, 4)}, {shape(3, 1), shape(1, 4)}};
        Object[][] ops = {
            {"and", (Binary) Backend::and, (DoubleBinaryOperator) (a, b) -> a * b},
            {"or", (Binary) Backend::or, (DoubleBinaryOperator) Math::max},
            {"xor", (Binary) Backend::xor, (DoubleBinaryOperator) (a, b) -> a != b ? 1 : 0},
        };
        List<OpCase> cases = new ArrayList<>();
        for (Object[] op : ops) {
            Binary call = (Binary) op[1];
            DoubleBinaryOperator f = (DoubleBinaryOperator) op[2];
            for (Shape[] s : shapes) {
                cases.add(bools((String) op[0], s[0] + " , " + s[1], List.of(s), (b, in) -> call.apply(b, in.get(0), in.get(1)),
                        in -> ReferenceElementwise.zipTo(in.get(0), in.get(1), f, DType.BOOL), 1));
            }
        }
        cases.add(bools("not", "[3, 4]", List.of(shape(3, 4)), (b, in) -> b.not(in.get(0)),
                in -> ReferenceElementwise.map(in.get(0), x -> 1 - x), 2));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> anyAll() {
        List<OpCase> cases = new ArrayList<>();
        double[][] patterns = {{0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 1}, {1, 0, 1, 1, 1, 1}};
        Shape s = shape(2, 3);
        for (double[] p : patterns) {
            String label = s + " " + java.util.Arrays.toString(p);
            cases.add(OpCase.of("any", label).dtypes(DType.BOOL).inputs(dt -> List.of(Data.of(DType.BOOL, s, p)))
                    .run((b, in) -> b.any(in.get(0)))
                    .expect(in -> ReferenceReduction.reduceAll(in.get(0), ReferenceReduction::max, DType.BOOL)));
            cases.add(OpCase.of("all", label).dtypes(DType.BOOL).inputs(dt -> List.of(Data.of(DType.BOOL, s, p)))
                    .run((b, in) -> b.all(in.get(0)))
                    .expect(in -> ReferenceReduction.reduceAll(in.get(0), ReferenceReduction::min, DType.BOOL)));
        }
        return OpCase.all(but, cases);
    }
}
