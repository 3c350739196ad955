package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceLinalg;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.Tolerance;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * matmul (NumericOps) for floats and ints, with batch broadcasting and transposed (non-contiguous) operands; the
 * linear layer (ModuleOps), with and without a bias, at sizes a backend may split or fuse.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class LinalgTest {
    private final BackendUnderTest but;

    LinalgTest(BackendUnderTest but) {
        this.but = but;
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        Shape[][] shapes = {
            {shape(3, 4), shape(4, 5)},
            {shape(1, 4), shape(4, 1)},
            {shape(5, 1), shape(1, 3)},
            {shape(2, 3, 4), shape(2, 4, 2)},
            {shape(2, 3, 4), shape(1, 4, 2)},
            {shape(1, 3, 4), shape(3, 4, 2)},
            {shape(2, 1, 2, 3), shape(1, 3, 3, 2)},
            {shape(3, 0), shape(0, 2)},
        };
        List<OpCase> cases = new ArrayList<>();
        for (Shape[] s : shapes) {
            cases.add(OpCase.of("matmul", s[0] + " x " + s[1]).dtypes(Gen.NUMERIC)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, s[0], 1), Gen.SIGNED.make(dt, s[1], 2)))
                    .run((b, in) -> b.matmul(in.get(0), in.get(1)))
                    .expect(in -> ReferenceLinalg.matmul(in.get(0), in.get(1)))
                    // F32 dot products round relative to the sum of |terms| (up to 4 terms of magnitude 4), not the result.
                    .tolerance(dt -> dt == DType.F32 ? new Tolerance(1e-5, 1e-5) : Tolerance.of(dt)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> linear() {
        int[][] sizes = {{3, 4, 5}, {1, 7, 2}, {33, 150, 129}, {70, 64, 16}};
        List<OpCase> cases = new ArrayList<>();
        for (int[] s : sizes) {
            Shape x = shape(s[0], s[1]);
            Shape w = shape(s[2], s[1]);
            Shape b = shape(s[2]);
            // F32 dot products round relative to the sum of |terms| (in of them, of magnitude up to 4).
            double f32 = 1e-7 * 4 * s[1];
            cases.add(OpCase.of("linear", x + " x " + w + "^T + " + b).dtypes(Gen.FLOATS)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, x, 1), Gen.SIGNED.make(dt, w, 2), Gen.SIGNED.make(dt, b, 3)))
                    .run((be, in) -> be.linear(in.get(0), in.get(1), in.get(2)))
                    .expect(in -> ReferenceLinalg.linear(in.get(0), in.get(1), in.get(2)))
                    .tolerance(dt -> dt == DType.F32 ? new Tolerance(1e-5, f32) : Tolerance.of(dt)));
            cases.add(OpCase.of("linear", x + " x " + w + "^T").dtypes(Gen.FLOATS)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, x, 4), Gen.SIGNED.make(dt, w, 5)))
                    .run((be, in) -> be.linear(in.get(0), in.get(1), null))
                    .expect(in -> ReferenceLinalg.linear(in.get(0), in.get(1), null))
                    .tolerance(dt -> dt == DType.F32 ? new Tolerance(1e-5, f32) : Tolerance.of(dt)));
        }
        return OpCase.all(but, cases);
    }
}
