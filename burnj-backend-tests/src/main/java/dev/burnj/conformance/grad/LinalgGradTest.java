package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
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
 * Gradients of matmul for both operands, including broadcast batch dims (whose gradients must be summed back), and
 * of the linear layer for its input, weight and bias.
 */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class LinalgGradTest {
    private final GradientCheck grad;

    LinalgGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        Shape[][] shapes = {
            {shape(3, 4), shape(4, 2)},
            {shape(2, 3, 4), shape(2, 4, 2)},
            {shape(2, 3, 4), shape(1, 4, 2)},
            {shape(1, 2, 3), shape(3, 3, 2)},
            {shape(2, 1, 2, 3), shape(1, 2, 3, 2)},
        };
        List<GradCase> cases = new ArrayList<>();
        for (Shape[] s : shapes) {
            cases.add(GradientCheck.of("matmul", s[0] + " x " + s[1])
                    .input(s[0], Data.uniform(s[0].hashCode(), s[0].numelInt(), -2, 2))
                    .input(s[1], Data.uniform(s[1].hashCode() + 1, s[1].numelInt(), -2, 2))
                    .run((b, in) -> b.matmul(in.get(0), in.get(1))));
        }
        // A transposed (non-contiguous) operand built inside the graph.
        Shape a = shape(4, 3);
        Shape w = shape(4, 2);
        cases.add(GradientCheck.of("matmul", "permute(" + a + ") x " + w)
                .input(a, Data.uniform(7, 12, -2, 2))
                .input(w, Data.uniform(8, 8, -2, 2))
                .run((b, in) -> {
                    var t = b.permute(in.get(0), new int[] {1, 0});
                    try {
                        return b.matmul(t, in.get(1));
                    } finally {
                        t.release();
                    }
                }));
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> linear() {
        Shape x = shape(3, 4);
        Shape w = shape(5, 4);
        Shape b = shape(5);
        List<GradCase> cases = new ArrayList<>();
        cases.add(GradientCheck.of("linear", x + " x " + w + "^T + " + b)
                .input(x, Data.uniform(11, 12, -2, 2))
                .input(w, Data.uniform(12, 20, -2, 2))
                .input(b, Data.uniform(13, 5, -2, 2))
                .run((be, in) -> be.linear(in.get(0), in.get(1), in.get(2))));
        cases.add(GradientCheck.of("linear", x + " x " + w + "^T")
                .input(x, Data.uniform(14, 12, -2, 2))
                .input(w, Data.uniform(15, 20, -2, 2))
                .run((be, in) -> be.linear(in.get(0), in.get(1), null)));
        return grad.tests(cases);
    }
}
