package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceElementwise;
import dev.burnj.conformance.reference.ReferenceMath;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** IntOps: floor modulo, whose result takes the sign of the divisor ({@code -7 mod 3 = 2}, {@code 7 mod -3 = -2}). */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class IntOpsTest {
    private final BackendUnderTest but;

    IntOpsTest(BackendUnderTest but) {
        this.but = but;
    }

    @TestFactory
    Stream<DynamicTest> remainder() {
        Shape[][] shapes = {{shape(3, 4), shape(3, 4)}, {shape(3, 4), shape(1, 4)}, {shape(3, 1), shape(1, 4)}};
        List<OpCase> cases = new ArrayList<>();
        for (Shape[] s : shapes) {
            cases.add(OpCase.of("remainder", s[0] + " , " + s[1]).dtypes(Gen.INTS)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, s[0], 1), Gen.NON_ZERO.make(dt, s[1], 2)))
                    .run((b, in) -> b.remainder(in.get(0), in.get(1)))
                    .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), ReferenceMath::floorMod)));
        }
        cases.add(OpCase.of("remainder", "signs [8]").dtypes(Gen.INTS)
                .inputs(dt -> List.of(Gen.values(-7, 7, -7, 7, 0, -6, 6, 5).make(dt, shape(8), 0),
                        Gen.values(3, -3, -3, 3, 4, 3, -3, 1).make(dt, shape(8), 0)))
                .run((b, in) -> b.remainder(in.get(0), in.get(1)))
                .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), ReferenceMath::floorMod)));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> remainderScalar() {
        List<OpCase> cases = new ArrayList<>();
        Shape s = shape(3, 4);
        for (double divisor : new double[] {3, -3, 1, 5}) {
            cases.add(OpCase.of("remainderScalar", s + " mod " + divisor).dtypes(Gen.INTS)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 3)))
                    .run((b, in) -> b.remainderScalar(in.get(0), divisor))
                    .expect(in -> ReferenceElementwise.map(in.get(0), x -> ReferenceMath.floorMod(x, divisor))));
        }
        return OpCase.all(but, cases);
    }
}
