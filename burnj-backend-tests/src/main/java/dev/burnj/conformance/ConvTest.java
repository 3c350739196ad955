package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.ModuleConfigs;
import dev.burnj.conformance.support.ModuleConfigs.Conv;
import dev.burnj.conformance.support.ModuleConfigs.ConvT;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.Tolerance;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Convolutions (ModuleOps): conv2d, conv1d and convTranspose2d with stride, padding, dilation, groups and output
 * padding, and their backward kernels, on tiny images.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class ConvTest {
    private final BackendUnderTest but;

    ConvTest(BackendUnderTest but) {
        this.but = but;
    }

    /**
     * F32 convolution outputs are sums of up to ~20 products of magnitude up to 4, rounded relative to those terms
     * rather than the (possibly cancelling) result.
     */
    static Tolerance convTolerance(DType dtype) {
        return dtype == DType.F32 ? new Tolerance(1e-5, 2e-5) : Tolerance.of(dtype);
    }

    private static List<TensorData> inputs(DType dt, Shape input, Shape weight, boolean bias, int outChannels) {
        List<TensorData> in = new ArrayList<>(Arrays.asList(Gen.SIGNED.make(dt, input, 1), Gen.SIGNED.make(dt, weight, 2),
                bias ? Gen.SIGNED.make(dt, shape(outChannels), 3) : null));
        return in;
    }

    @TestFactory
    Stream<DynamicTest> conv2d() {
        List<OpCase> cases = new ArrayList<>();
        for (Conv c : ModuleConfigs.CONVS) {
            cases.add(OpCase.of("conv2d", c.toString()).inputs(dt -> inputs(dt, c.input(), c.weight(), c.bias(), c.outChannels()))
                    .run((b, in) -> b.conv2d(in.get(0), in.get(1), in.get(2), c.options()))
                    .expect(in -> ReferenceModule.conv2d(in.get(0), in.get(1), in.get(2), c.options()))
                    .tolerance(ConvTest::convTolerance));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> conv2dBackward() {
        List<OpCase> cases = new ArrayList<>();
        for (Conv c : ModuleConfigs.CONVS) {
            Shape out = outShape(c);
            cases.add(OpCase.of("conv2dBackward", c + " grad " + out)
                    .inputs(dt -> {
                        List<TensorData> in = inputs(dt, c.input(), c.weight(), c.bias(), c.outChannels());
                        in.add(Gen.SIGNED.make(dt, out, 4));
                        return in;
                    })
                    .runAll((b, in) -> {
                        ConvGradients g = b.conv2dBackward(in.get(0), in.get(1), in.get(2), in.get(3), c.options());
                        return Arrays.asList(g.input(), g.weight(), g.bias());
                    })
                    .expectAll(in -> ReferenceModule.conv2dBackward(in.get(0), in.get(1), in.get(2), in.get(3), c.options()))
                    .tolerance(ConvTest::convTolerance));
        }
        return OpCase.all(but, cases);
    }

    static Shape outShape(Conv c) {
        return ReferenceModule.conv2d(zeros(c.input()), zeros(c.weight()), null, c.options()).shape();
    }

    static Shape outShape(ConvT c) {
        return ReferenceModule.convTranspose2d(zeros(c.input()), zeros(c.weight()), null, c.options()).shape();
    }

    private static TensorData zeros(Shape s) {
        return TensorData.filled(0, s, DType.F64);
    }

    @TestFactory
    Stream<DynamicTest> convTranspose2d() {
        List<OpCase> cases = new ArrayList<>();
        for (ConvT c : ModuleConfigs.CONV_TRANSPOSES) {
            cases.add(OpCase.of("convTranspose2d", c.toString()).inputs(dt -> inputs(dt, c.input(), c.weight(), c.bias(), c.outChannels()))
                    .run((b, in) -> b.convTranspose2d(in.get(0), in.get(1), in.get(2), c.options()))
                    .expect(in -> ReferenceModule.convTranspose2d(in.get(0), in.get(1), in.get(2), c.options()))
                    .tolerance(ConvTest::convTolerance));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> convTranspose2dBackward() {
        List<OpCase> cases = new ArrayList<>();
        for (ConvT c : ModuleConfigs.CONV_TRANSPOSES) {
            Shape out = outShape(c);
            cases.add(OpCase.of("convTranspose2dBackward", c + " grad " + out)
                    .inputs(dt -> {
                        List<TensorData> in = inputs(dt, c.input(), c.weight(), c.bias(), c.outChannels());
                        in.add(Gen.SIGNED.make(dt, out, 4));
                        return in;
                    })
                    .runAll((b, in) -> {
                        ConvGradients g = b.convTranspose2dBackward(in.get(0), in.get(1), in.get(2), in.get(3), c.options());
                        return Arrays.asList(g.input(), g.weight(), g.bias());
                    })
                    .expectAll(in -> ReferenceModule.convTranspose2dBackward(in.get(0), in.get(1), in.get(2), in.get(3), c.options()))
                    .tolerance(ConvTest::convTolerance));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> conv1d() {
        record Conv1(Shape input, Shape weight, ConvOptions options, boolean bias) {}
        List<Conv1> configs = List.of(
                new Conv1(shape(2, 2, 9), shape(3, 2, 3), ConvOptions.defaults(1), true),
                new Conv1(shape(1, 4, 8), shape(2, 2, 3), new ConvOptions(new int[] {2}, new int[] {1}, new int[] {2}, 2), false),
                new Conv1(shape(1, 3, 6), shape(3, 1, 2), new ConvOptions(new int[] {1}, new int[] {1}, new int[] {1}, 3), true));
        List<OpCase> cases = new ArrayList<>();
        for (Conv1 c : configs) {
            cases.add(OpCase.of("conv1d", "x " + c.input() + " w " + c.weight() + (c.bias() ? " +bias " : " ") + c.options())
                    .inputs(dt -> inputs(dt, c.input(), c.weight(), c.bias(), c.weight().dim(0)))
                    .run((b, in) -> b.conv1d(in.get(0), in.get(1), in.get(2), c.options()))
                    .expect(in -> ReferenceModule.conv1d(in.get(0), in.get(1), in.get(2), c.options()))
                    .tolerance(ConvTest::convTolerance));
        }
        return OpCase.all(but, cases);
    }
}
