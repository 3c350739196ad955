package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.ModuleConfigs;
import dev.burnj.conformance.support.ModuleConfigs.Pool;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pooling (ModuleOps): max pooling with indices, average pooling (padding counted or not), adaptive average
 * pooling with PyTorch's window rule, the 1-D variants, and the backward kernels.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class PoolTest {
    private final BackendUnderTest but;

    PoolTest(BackendUnderTest but) {
        this.but = but;
    }

    /** Distinct values, so every window has a unique maximum and the indices are unambiguous. */
    private static TensorData distinct(DType dt, Shape s) {
        return Gen.distinct(-3, 3).make(dt, s, s.hashCode());
    }

    @TestFactory
    Stream<DynamicTest> maxPool2dWithIndices() {
        List<OpCase> cases = new ArrayList<>();
        for (Pool p : ModuleConfigs.MAX_POOLS) {
            cases.add(OpCase.of("maxPool2dWithIndices", p.toString()).inputs(dt -> List.of(distinct(dt, p.input())))
                    .runAll((b, in) -> {
                        MaxPoolResult r = b.maxPool2dWithIndices(in.get(0), p.options());
                        return List.of(r.values(), r.indices());
                    })
                    .expectAll(in -> ReferenceModule.maxPool2d(in.get(0), p.options())));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> maxPool2dBackward() {
        List<OpCase> cases = new ArrayList<>();
        for (Pool p : ModuleConfigs.MAX_POOLS) {
            cases.add(OpCase.of("maxPool2dBackward", p.toString())
                    .inputs(dt -> {
                        TensorData x = distinct(dt, p.input());
                        List<TensorData> fwd = ReferenceModule.maxPool2d(x, p.options());
                        return List.of(x, Gen.SIGNED.make(dt, fwd.get(0).shape(), 5), fwd.get(1));
                    })
                    .run((b, in) -> b.maxPool2dBackward(in.get(0), p.options(), in.get(1), in.get(2)))
                    .expect(in -> ReferenceModule.maxPool2dBackward(in.get(0), in.get(1), in.get(2))));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> avgPool2d() {
        List<OpCase> cases = new ArrayList<>();
        for (Pool p : ModuleConfigs.AVG_POOLS) {
            cases.add(OpCase.of("avgPool2d", p.toString()).inputs(dt -> List.of(Gen.SIGNED.make(dt, p.input(), 6)))
                    .run((b, in) -> b.avgPool2d(in.get(0), p.options()))
                    .expect(in -> ReferenceModule.avgPool2d(in.get(0), p.options())));
            cases.add(OpCase.of("avgPool2dBackward", p.toString())
                    .inputs(dt -> {
                        TensorData x = Gen.SIGNED.make(dt, p.input(), 6);
                        return List.of(x, Gen.SIGNED.make(dt, ReferenceModule.avgPool2d(x, p.options()).shape(), 7));
                    })
                    .run((b, in) -> b.avgPool2dBackward(in.get(0), p.options(), in.get(1)))
                    .expect(in -> ReferenceModule.avgPool2dBackward(in.get(0), p.options(), in.get(1))));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> adaptiveAvgPool2d() {
        List<OpCase> cases = new ArrayList<>();
        for (int[] size : ModuleConfigs.ADAPTIVE_SIZES) {
            String label = ModuleConfigs.ADAPTIVE_INPUT + " to " + size[0] + "x" + size[1];
            cases.add(OpCase.of("adaptiveAvgPool2d", label).inputs(dt -> List.of(Gen.SIGNED.make(dt, ModuleConfigs.ADAPTIVE_INPUT, 8)))
                    .run((b, in) -> b.adaptiveAvgPool2d(in.get(0), size[0], size[1]))
                    .expect(in -> ReferenceModule.adaptiveAvgPool2d(in.get(0), size[0], size[1])));
            cases.add(OpCase.of("adaptiveAvgPool2dBackward", label)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, ModuleConfigs.ADAPTIVE_INPUT, 8), Gen.SIGNED.make(dt, shape(1, 2, size[0],
                            size[1]), 9)))
                    .run((b, in) -> b.adaptiveAvgPool2dBackward(in.get(0), in.get(1)))
                    .expect(in -> ReferenceModule.adaptiveAvgPool2dBackward(in.get(0), in.get(1))));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> pool1d() {
        Shape s = shape(2, 2, 9);
        List<OpCase> cases = new ArrayList<>();
        for (PoolOptions o : ModuleConfigs.POOLS_1D) {
            PoolOptions lifted = ReferenceModule.liftPool(o);
            cases.add(OpCase.of("maxPool1dWithIndices", s + " " + o).inputs(dt -> List.of(distinct(dt, s)))
                    .runAll((b, in) -> {
                        MaxPoolResult r = b.maxPool1dWithIndices(in.get(0), o);
                        return List.of(r.values(), r.indices());
                    })
                    .expectAll(in -> ReferenceModule.maxPool2d(ReferenceModule.unitHeight(in.get(0)), lifted).stream()
                            .map(ReferenceModule::dropHeight).toList()));
            cases.add(OpCase.of("avgPool1d", s + " " + o).inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 10)))
                    .run((b, in) -> b.avgPool1d(in.get(0), o))
                    .expect(in -> ReferenceModule.dropHeight(ReferenceModule.avgPool2d(ReferenceModule.unitHeight(in.get(0)), lifted))));
        }
        // A dilated 1-D max pool.
        PoolOptions dilated = ModuleConfigs.DILATED_1D;
        cases.add(OpCase.of("maxPool1dWithIndices", s + " " + dilated).inputs(dt -> List.of(distinct(dt, s)))
                .runAll((b, in) -> {
                    MaxPoolResult r = b.maxPool1dWithIndices(in.get(0), dilated);
                    return List.of(r.values(), r.indices());
                })
                .expectAll(in -> ReferenceModule.maxPool2d(ReferenceModule.unitHeight(in.get(0)),
                        ReferenceModule.liftPool(dilated)).stream()
                        .map(ReferenceModule::dropHeight).toList()));
        return OpCase.all(but, cases);
    }
}
