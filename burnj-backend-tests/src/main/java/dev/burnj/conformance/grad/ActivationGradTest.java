package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.ReferenceBackendExtension;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gradients of the activation functions, and of softmax/logSoftmax along each dim. */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class ActivationGradTest {
    private final GradientCheck grad;

    ActivationGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    private static GradCase pointwise(String op, String label, OpCase.SingleOp call) {
        Shape s = shape(2, 5);
        // Kept 0.01 from 0, the kink of relu and leaky relu; wide enough to reach the saturated regions.
        return GradientCheck.of(op, label + " " + s).input(s, Data.separated(op.hashCode(), 10, -4, 4, 0.01, 0)).run(call);
    }

    @TestFactory
    Stream<DynamicTest> pointwise() {
        return grad.tests(
                pointwise("relu", "", (b, in) -> b.relu(in.get(0))),
                pointwise("leakyRelu", "0.1", (b, in) -> b.leakyRelu(in.get(0), 0.1)),
                pointwise("sigmoid", "", (b, in) -> b.sigmoid(in.get(0))),
                pointwise("gelu", "exact", (b, in) -> b.gelu(in.get(0), false)),
                pointwise("gelu", "tanh", (b, in) -> b.gelu(in.get(0), true)),
                pointwise("silu", "", (b, in) -> b.silu(in.get(0))),
                pointwise("softplus", "beta 1", (b, in) -> b.softplus(in.get(0), 1)),
                pointwise("softplus", "beta 3", (b, in) -> b.softplus(in.get(0), 3)));
    }

    @TestFactory
    Stream<DynamicTest> softmax() {
        Shape s = shape(2, 3, 4);
        List<GradCase> cases = new ArrayList<>();
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            double[] x = Data.uniform(20 + d, 24, -3, 3);
            cases.add(GradientCheck.of("softmax", s + " dim " + d).input(s, x).run((b, in) -> b.softmax(in.get(0), d)));
            cases.add(GradientCheck.of("logSoftmax", s + " dim " + d).input(s, x).run((b, in) -> b.logSoftmax(in.get(0), d)));
        }
        return grad.tests(cases);
    }
}
