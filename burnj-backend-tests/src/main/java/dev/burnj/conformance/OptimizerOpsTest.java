package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** OptimizerOps against plain-Java loops over the documented formulas. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class OptimizerOpsTest {
    private final BackendUnderTest but;

    OptimizerOpsTest(BackendUnderTest but) {
        this.but = but;
    }

    @TestFactory
    Stream<DynamicTest> adamStep() {
        List<OpCase> cases = new ArrayList<>();
        // A first step from zero moments, a later one with a large lr and small eps, and one whose bias corrections are ~1;
        // a matrix, and a row with a unit dim (a bias-like parameter).
        AdamCoefficients[] steps = {AdamCoefficients.of(1e-3, 0.9, 0.999, 1e-8, 1), AdamCoefficients.of(0.5, 0.5, 0.9, 1e-3, 3),
            AdamCoefficients.of(1e-2, 0.9, 0.999, 1e-8, 5000)};
        for (int k = 0; k < steps.length * 2; k++) {
            AdamCoefficients c = steps[k % steps.length];
            Shape s = k < steps.length ? shape(3, 5) : shape(1, 7);
            for (boolean amsgrad : new boolean[] {false, true}) {
                String label = s + " " + c + (amsgrad ? " amsgrad" : "");
                cases.add(OpCase.of("adamStep", label)
                        .inputs(dt -> {
                            List<TensorData> in = new ArrayList<>(List.of(Gen.SIGNED.make(dt, s, 1), Gen.SIGNED.make(dt, s, 2), Gen.SIGNED.make(dt, s, 3),
                                    Gen.range(0, 3).make(dt, s, 4)));
                            if (amsgrad) {
                                in.add(Gen.range(0, 3).make(dt, s, 5));
                            }
                            return in;
                        })
                        .runAll((b, in) -> {
                            AdamUpdate u = b.adamStep(in.get(0), in.get(1), in.get(2), in.get(3), amsgrad ? in.get(4) : null, c);
                            return Arrays.asList(u.param(), u.expAvg(), u.expAvgSq(), u.maxExpAvgSq());
                        })
                        .expectAll(in -> reference(in, c, amsgrad)));
            }
        }
        return OpCase.all(but, cases);
    }

    private static List<TensorData> reference(List<TensorData> in, AdamCoefficients c, boolean amsgrad) {
        double[] p = in.get(0).toDoubles();
        double[] g = in.get(1).toDoubles();
        double[] m = in.get(2).toDoubles();
        double[] v = in.get(3).toDoubles();
        double[] max = amsgrad ? in.get(4).toDoubles() : null;
        int n = p.length;
        double[] p2 = new double[n];
        double[] m2 = new double[n];
        double[] v2 = new double[n];
        double[] max2 = amsgrad ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            m2[i] = c.beta1() * m[i] + (1 - c.beta1()) * g[i];
            v2[i] = c.beta2() * v[i] + (1 - c.beta2()) * g[i] * g[i];
            double d = v2[i];
            if (amsgrad) {
                max2[i] = Math.max(max[i], v2[i]);
                d = max2[i];
            }
            p2[i] = p[i] - m2[i] / (Math.sqrt(d) / c.biasCorrection2Sqrt() + c.eps()) * c.stepSize();
        }
        TensorData like = in.get(0);
        return Arrays.asList(data(p2, like), data(m2, like), data(v2, like), amsgrad ? data(max2, like) : null);
    }

    private static TensorData data(double[] values, TensorData like) {
        return TensorData.fromDoubles(values, like.shape(), like.dtype());
    }
}
