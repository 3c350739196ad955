package dev.burnj.conformance.grad;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.PadMode;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.ReferenceBackendExtension;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gradients of layout, selection and indexing ops, for every float input: the gradient of a layout op is its
 * inverse rearrangement, of a selection the scatter back, with accumulation wherever an element is used twice.
 */
@ExtendWith({BackendExtension.class, ReferenceBackendExtension.class, CoverageReport.class})
class LayoutGradTest {
    private static final Shape S = shape(2, 3, 4);

    private final GradientCheck grad;

    LayoutGradTest(BackendUnderTest but, ReferenceBackend reference) {
        this.grad = new GradientCheck(but, reference);
    }

    private static double[] values(Shape s, long seed) {
        return Data.uniform(seed, s.numelInt(), -2, 2);
    }

    @TestFactory
    Stream<DynamicTest> layout() {
        List<GradCase> cases = new ArrayList<>();
        cases.add(GradientCheck.of("reshape", S + " to [4, 6]").input(S, values(S, 1)).run((b, in) -> b.reshape(in.get(0), shape(4, 6))));
        cases.add(GradientCheck.of("permute", S + " [2, 0, 1]").input(S, values(S, 2))
                .run((b, in) -> b.permute(in.get(0), new int[] {2, 0, 1})));
        Shape col = shape(2, 1, 4);
        cases.add(GradientCheck.of("expand", col + " to " + S).input(col, values(col, 3)).run((b, in) -> b.expand(in.get(0), S)));
        Slice[] slices = {Slice.range(0, 2, 1), Slice.range(1, 3, 1), Slice.range(0, 4, 2)};
        cases.add(GradientCheck.of("slice", S + " [0:2, 1:3, 0:4:2]").input(S, values(S, 4)).run((b, in) -> b.slice(in.get(0), slices)));
        Shape region = shape(2, 2, 2);
        cases.add(GradientCheck.of("sliceAssign", S + " [0:2, 1:3, 0:4:2] = " + region).input(S, values(S, 5)).input(region,
                values(region, 6))
                .run((b, in) -> b.sliceAssign(in.get(0), slices, in.get(1))));
        Shape a = shape(2, 1, 4);
        Shape c = shape(2, 2, 4);
        cases.add(GradientCheck.of("cat", "[" + S + ", " + a + ", " + c + "] dim 1").input(S, values(S, 7)).input(a, values(a, 8))
                .input(c, values(c, 9)).run((b, in) -> b.cat(in, 1)));
        cases.add(GradientCheck.of("flip", S + " [0, 2]").input(S, values(S, 10)).run((b, in) -> b.flip(in.get(0), new int[] {0, 2})));
        cases.add(GradientCheck.of("toDevice", S + " same device").input(S, values(S, 27))
                .run((b, in) -> b.toDevice(in.get(0), b.defaultDevice())));
        cases.add(GradientCheck.of("repeat", S + " dim 1 x3").input(S, values(S, 11)).run((b, in) -> b.repeat(in.get(0), 1, 3)));
        for (PadMode mode : PadMode.values()) {
            int[] padding = {0, 1, 2, 1, 1, 3};
            cases.add(GradientCheck.of("pad", S + " " + mode + " " + Arrays.toString(padding)).input(S, values(S, 12))
                    .run((b, in) -> b.pad(in.get(0), padding, mode, 0.5)));
        }
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> selection() {
        List<GradCase> cases = new ArrayList<>();
        Shape s = shape(2, 3);
        Shape row = shape(1, 3);
        Shape column = shape(2, 1);
        cases.add(GradientCheck.of("where", "cond " + s + " , " + row + " , " + column)
                .constant(Data.of(DType.BOOL, s, 1, 0, 0, 1, 1, 0))
                .input(row, values(row, 13)).input(column, values(column, 14))
                .run((b, in) -> b.where(in.get(0), in.get(1), in.get(2))));
        cases.add(GradientCheck.of("where", "cond " + row + " , " + s + " , " + s)
                .constant(Data.of(DType.BOOL, row, 0, 1, 1))
                .input(s, values(s, 15)).input(s, values(s, 16))
                .run((b, in) -> b.where(in.get(0), in.get(1), in.get(2))));
        cases.add(GradientCheck.of("maskFill", s + " mask " + row)
                .input(s, values(s, 17)).constant(Data.of(DType.BOOL, row, 1, 0, 1))
                .run((b, in) -> b.maskFill(in.get(0), in.get(1), 9)));
        return grad.tests(cases);
    }

    @TestFactory
    Stream<DynamicTest> indexing() {
        List<GradCase> cases = new ArrayList<>();
        Shape src = shape(3, 4);
        Shape idx = shape(3, 5);
        // Repeated indices: the gradient of a source element gathered twice is the sum of both uses.
        cases.add(GradientCheck.of("gather", src + " dim 1 indices " + idx).input(src, values(src, 18))
                .constant(Data.i64(idx, 0, 3, 3, 1, 0, 2, 2, 2, 1, 0, 3, 1, 0, 1, 3))
                .run((b, in) -> b.gather(in.get(0), 1, in.get(1))));
        Shape idx0 = shape(2, 4);
        cases.add(GradientCheck.of("gather", src + " dim 0 indices " + idx0).input(src, values(src, 19))
                .constant(Data.i64(idx0, 2, 0, 1, 1, 0, 0, 2, 1))
                .run((b, in) -> b.gather(in.get(0), 0, in.get(1))));
        Shape upd = shape(3, 2);
        // Distinct indices per row: assigned positions take the values' gradient, the tensor's gradient there is zero.
        long[] distinct = {0, 2, 3, 1, 1, 0};
        for (boolean add : new boolean[] {false, true}) {
            cases.add(GradientCheck.of("scatter", src + " dim 1 indices " + upd + (add ? " add" : " assign"))
                    .input(src, values(src, 20)).constant(Data.i64(upd, distinct)).input(upd, values(upd, 21))
                    .run((b, in) -> b.scatter(in.get(0), 1, in.get(1), in.get(2), add)));
        }
        // Duplicate indices: with add every value contributes; with assign only the last write does (row-major order).
        long[] duplicates = {1, 1, 3, 3, 0, 2};
        for (boolean add : new boolean[] {false, true}) {
            cases.add(GradientCheck.of("scatter", src + " dim 1 duplicate indices " + upd + (add ? " add" : " assign"))
                    .input(src, values(src, 22)).constant(Data.i64(upd, duplicates)).input(upd, values(upd, 23))
                    .run((b, in) -> b.scatter(in.get(0), 1, in.get(1), in.get(2), add)));
        }
        cases.add(GradientCheck.of("indexSelect", src + " dim 1 [3, 0, 3, 2]").input(src, values(src, 24))
                .constant(Data.i64(shape(4), 3, 0, 3, 2))
                .run((b, in) -> b.indexSelect(in.get(0), 1, in.get(1))));
        cases.add(GradientCheck.of("indexSelect", src + " dim 0 [2, 2]").input(src, values(src, 25))
                .constant(Data.i64(shape(2), 2, 2))
                .run((b, in) -> b.indexSelect(in.get(0), 0, in.get(1))));
        Shape weight = shape(5, 3);
        Shape tokens = shape(2, 3);
        cases.add(GradientCheck.of("embedding", "weight " + weight + " indices " + tokens).input(weight, values(weight, 26))
                .constant(Data.i64(tokens, 4, 0, 4, 1, 1, 4))
                .run((b, in) -> b.embedding(in.get(0), in.get(1))));
        return grad.tests(cases);
    }
}
