package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.ModuleConfigs;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** interpolate and its backward (ModuleOps): nearest and bilinear with {@code align_corners=false}, up, down and same size. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class InterpolateTest {
    private static final Shape INPUT = ModuleConfigs.INTERPOLATE_INPUT;

    private final BackendUnderTest but;

    InterpolateTest(BackendUnderTest but) {
        this.but = but;
    }

    @TestFactory
    Stream<DynamicTest> interpolate() {
        List<OpCase> cases = new ArrayList<>();
        for (InterpolateMode mode : InterpolateMode.values()) {
            for (int[] size : ModuleConfigs.INTERPOLATE_SIZES) {
                String label = INPUT + " to " + size[0] + "x" + size[1] + " " + mode;
                cases.add(OpCase.of("interpolate", label).inputs(dt -> List.of(Gen.SIGNED.make(dt, INPUT, 1)))
                        .run((b, in) -> b.interpolate(in.get(0), size[0], size[1], mode))
                        .expect(in -> ReferenceModule.interpolate(in.get(0), size[0], size[1], mode)));
                cases.add(OpCase.of("interpolateBackward", label)
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, INPUT, 1), Gen.SIGNED.make(dt, shape(1, 2, size[0], size[1]), 2)))
                        .run((b, in) -> b.interpolateBackward(in.get(0), in.get(1), mode))
                        .expect(in -> ReferenceModule.interpolateBackward(in.get(0), in.get(1), mode)));
            }
        }
        return OpCase.all(but, cases);
    }
}
