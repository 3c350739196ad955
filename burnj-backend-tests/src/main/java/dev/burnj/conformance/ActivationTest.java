package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceElementwise;
import dev.burnj.conformance.reference.ReferenceMath;
import dev.burnj.conformance.reference.ReferenceReduction;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.Tolerance;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** ActivationOps against the reference, including saturated inputs where naive formulas overflow. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class ActivationTest {
    private static final Shape S = shape(3, 4);
    /** Moderate values plus large ones on both sides, where naive formulas saturate or overflow. */
    private static final Gen WIDE = Gen.values(-40, -8, -2.5, -1, -0.3, 0, 0.2, 0.9, 1.7, 3, 9, 40);

    private final BackendUnderTest but;

    ActivationTest(BackendUnderTest but) {
        this.but = but;
    }

    private static List<OpCase> both(String op, String label, OpCase.SingleOp call, DoubleUnaryOperator f) {
        return List.of(
                OpCase.of(op, label + " " + S).inputs(dt -> List.of(Gen.SIGNED.make(dt, S, op.hashCode())))
                        .run(call).expect(in -> ReferenceElementwise.map(in.get(0), f)),
                OpCase.of(op, label + " wide " + S).inputs(dt -> List.of(WIDE.make(dt, S, 0)))
                        .run(call).expect(in -> ReferenceElementwise.map(in.get(0), f)));
    }

    @TestFactory
    Stream<DynamicTest> pointwise() {
        List<OpCase> cases = new ArrayList<>();
        cases.addAll(both("relu", "", (b, in) -> b.relu(in.get(0)), x -> Math.max(x, 0)));
        cases.addAll(both("leakyRelu", "0.01", (b, in) -> b.leakyRelu(in.get(0), 0.01), x -> x >= 0 ? x : 0.01 * x));
        cases.addAll(both("leakyRelu", "0.2", (b, in) -> b.leakyRelu(in.get(0), 0.2), x -> x >= 0 ? x : 0.2 * x));
        cases.addAll(both("sigmoid", "", (b, in) -> b.sigmoid(in.get(0)), ReferenceMath::sigmoid));
        cases.addAll(both("gelu", "exact", (b, in) -> b.gelu(in.get(0), false), ReferenceMath::gelu));
        cases.addAll(both("gelu", "tanh", (b, in) -> b.gelu(in.get(0), true), ReferenceMath::geluTanh));
        cases.addAll(both("silu", "", (b, in) -> b.silu(in.get(0)), x -> x * ReferenceMath.sigmoid(x)));
        cases.addAll(both("softplus", "beta 1", (b, in) -> b.softplus(in.get(0), 1), x -> ReferenceMath.softplus(x, 1)));
        cases.addAll(both("softplus", "beta 2.5", (b, in) -> b.softplus(in.get(0), 2.5), x -> ReferenceMath.softplus(x, 2.5)));
        return OpCase.all(but, cases);
    }

    /** The fused gradients, on saved outputs (or inputs) that include the kink at 0 and the ends of the range. */
    @TestFactory
    Stream<DynamicTest> backward() {
        Gen grad = Gen.SIGNED;
        List<OpCase> cases = new ArrayList<>();
        cases.add(OpCase.of("reluBackward", "output " + S).inputs(dt -> List.of(Gen.values(0, 0.5, 3, 0, 1e-30, 7).make(dt, S, 0),
                grad.make(dt, S, 1)))
                .run((b, in) -> b.reluBackward(in.get(0), in.get(1)))
                .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), (y, g) -> y > 0 ? g : 0)));
        for (double slope : new double[] {0.01, 0.2}) {
            cases.add(OpCase.of("leakyReluBackward", slope + " input wide " + S).inputs(dt -> List.of(WIDE.make(dt, S, 0), grad.make(dt, S, 2)))
                    .run((b, in) -> b.leakyReluBackward(in.get(0), in.get(1), slope))
                    .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), (x, g) -> x > 0 ? g : slope * g)));
        }
        cases.add(OpCase.of("sigmoidBackward", "output " + S).inputs(dt -> List.of(Gen.range(0.001, 0.999).make(dt, S, 3), grad.make(dt, S, 4)))
                .run((b, in) -> b.sigmoidBackward(in.get(0), in.get(1)))
                .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), (y, g) -> g * (y * (1 - y)))));
        cases.add(OpCase.of("tanhBackward", "output " + S).inputs(dt -> List.of(Gen.range(-0.999, 0.999).make(dt, S, 5), grad.make(dt, S, 6)))
                .run((b, in) -> b.tanhBackward(in.get(0), in.get(1)))
                .expect(in -> ReferenceElementwise.zip(in.get(0), in.get(1), (y, g) -> g * (1 - y * y))));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> softmax() {
        Shape s = shape(2, 3, 4);
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            for (int kind = 0; kind < 3; kind++) {
                boolean large = kind > 0;
                // Logits near 500 overflow exp unless shifted by the maximum; logits spread over ±1000 underflow it, so
                // log-softmax must not be computed as log(softmax).
                Gen gen = kind == 0 ? Gen.SIGNED : kind == 1 ? Gen.range(495, 500) : Gen.range(-1000, 1000);
                String label = s + " dim " + d + (kind == 1 ? " logits near 500" : kind == 2 ? " logits over +-1000" : "");
                // F32 logits of that size are only known to their ulp (3e-5 near 500, 6e-5 near 1000); x - logSumExp(x)
                // keeps that error, so the results are compared to 1e-4 absolute there.
                Function<DType, Tolerance> tolerance = dt -> large && dt == DType.F32 ? new Tolerance(1e-4, 1e-4) : Tolerance.of(dt);
                cases.add(OpCase.of("softmax", label).inputs(dt -> List.of(gen.make(dt, s, d)))
                        .run((b, in) -> b.softmax(in.get(0), d))
                        .expect(in -> ReferenceReduction.lanes(in.get(0), d, s.dim(d), ReferenceReduction::softmax, in.get(0).dtype()))
                        .tolerance(tolerance));
                cases.add(OpCase.of("logSoftmax", label).inputs(dt -> List.of(gen.make(dt, s, d)))
                        .run((b, in) -> b.logSoftmax(in.get(0), d))
                        .expect(in -> ReferenceReduction.lanes(in.get(0), d, s.dim(d), ReferenceReduction::logSoftmax, in.get(0).dtype()))
                        .tolerance(tolerance));
            }
        }
        return OpCase.all(but, cases);
    }
}
