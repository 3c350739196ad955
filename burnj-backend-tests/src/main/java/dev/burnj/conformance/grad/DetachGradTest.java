package dev.burnj.conformance.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.Coverage;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.Scope;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code detachForComposition} cuts the graph: finite differences cannot see that (the value is the input's), so
 * this checks the analytic gradient directly. For {@code L = sum(x * r + detach(x) * r)}, {@code dL/dx = r}.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class DetachGradTest {
    private final Backend ad;

    DetachGradTest(BackendUnderTest but) {
        this.ad = but.autodiff();
    }

    @Test
    void detachForCompositionStopsTheGradient() {
        Coverage.gradient("detachForComposition");
        Shape s = Shape.of(2, 3);
        DType dtype = ad.supports(DType.F64) ? DType.F64 : DType.F32;
        double[] r = {0.5, -1.5, 2, 1, -0.25, 3};
        AutodiffOps grad = ad.autodiffOps();
        try (Scope scope = new Scope()) {
            TensorPrimitive x = scope.own(grad.requireGrad(scope.own(ad.fromData(Data.sample(dtype, s, 1), ad.defaultDevice()))));
            TensorPrimitive weight = scope.own(ad.fromData(TensorData.fromDoubles(r, s, dtype), ad.defaultDevice()));
            TensorPrimitive detached = scope.own(ad.detachForComposition(x));
            TensorPrimitive tracked = scope.own(ad.mul(x, weight));
            TensorPrimitive cut = scope.own(ad.mul(detached, weight));
            TensorPrimitive root = scope.own(ad.sum(scope.own(ad.add(tracked, cut))));
            try (Gradients g = grad.backward(root, null)) {
                TensorPrimitive dx = scope.own(g.get(x));
                assertNotNull(dx, "detachForComposition " + s + " " + dtype + ": x received no gradient");
                assertArrayEquals(r, ad.toData(dx).toDoubles(), 1e-6,
                        "detachForComposition " + s + " " + dtype
                                + ": gradient of sum(x*r + detach(x)*r) must be r (the detached use adds none)");
            }
        }
    }
}
