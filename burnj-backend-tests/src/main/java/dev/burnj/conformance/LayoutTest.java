package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.PadMode;
import dev.burnj.conformance.reference.ReferenceLayout;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Gen;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Layout ops (TensorOps): reshape, permute, expand, slice, sliceAssign, cat, flip, repeat and pad, in every dtype. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class LayoutTest {
    private final BackendUnderTest but;

    LayoutTest(BackendUnderTest but) {
        this.but = but;
    }

    private static OpCase unary(String op, String label, Shape shape, OpCase.SingleOp call, OpCase.SingleReference reference) {
        return OpCase.of(op, shape + " " + label).dtypes(Gen.ALL)
                .inputs(dt -> List.of(Gen.SIGNED.make(dt, shape, (op + label).hashCode())))
                .run(call)
                .expect(reference);
    }

    @TestFactory
    Stream<DynamicTest> reshape() {
        Shape s = shape(2, 3, 4);
        List<OpCase> cases = new ArrayList<>();
        for (Shape target : new Shape[] {shape(24), shape(4, 6), shape(2, 1, 12), shape(4, 3, 2), shape(1, 24, 1)}) {
            cases.add(unary("reshape", "to " + target, s, (b, in) -> b.reshape(in.get(0), target),
                    in -> ReferenceLayout.reshape(in.get(0), target)));
        }
        cases.add(unary("reshape", "to " + shape(3, 0), shape(0, 3), (b, in) -> b.reshape(in.get(0), shape(3, 0)),
                in -> ReferenceLayout.reshape(in.get(0), shape(3, 0))));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> permute() {
        Shape s = shape(2, 3, 4);
        List<OpCase> cases = new ArrayList<>();
        for (int[] axes : new int[][] {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}, {2, 1, 0}, {0, 2, 1}}) {
            cases.add(unary("permute", Arrays.toString(axes), s, (b, in) -> b.permute(in.get(0), axes),
                    in -> ReferenceLayout.permute(in.get(0), axes)));
        }
        cases.add(unary("permute", "[1, 0]", shape(3, 5), (b, in) -> b.permute(in.get(0), new int[] {1, 0}),
                in -> ReferenceLayout.permute(in.get(0), new int[] {1, 0})));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> expand() {
        Shape[][] pairs = {{shape(1, 3), shape(4, 3)}, {shape(2, 1), shape(2, 5)}, {shape(1, 1), shape(3, 2)}, {shape(2, 1, 3), shape(2,
                4, 3)},
            {shape(2, 3), shape(2, 3)}};
        List<OpCase> cases = new ArrayList<>();
        for (Shape[] p : pairs) {
            cases.add(unary("expand", "to " + p[1], p[0], (b, in) -> b.expand(in.get(0), p[1]), in -> ReferenceLayout.expand(in.get(0),
                    p[1])));
        }
        return OpCase.all(but, cases);
    }

    /** Resolved slices of {@code shape}: (start, end, step) triples per dim. */
    private static Slice[] slices(int... bounds) {
        Slice[] s = new Slice[bounds.length / 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = Slice.range(bounds[3 * i], bounds[3 * i + 1], bounds[3 * i + 2]);
        }
        return s;
    }

    private static final Shape SLICED = shape(4, 5, 6);
    private static final Slice[][] SLICES = {
        slices(0, 4, 1, 0, 5, 1, 0, 6, 1),
        slices(1, 3, 1, 0, 5, 1, 2, 6, 1),
        slices(0, 4, 2, 1, 5, 3, 0, 6, 1),
        slices(3, 4, 1, 2, 3, 1, 1, 6, 2),
        slices(0, 4, 3, 0, 5, 2, 5, 6, 1),
        // Empty selections are legal and produce size-0 dims.
        slices(2, 2, 1, 0, 5, 1, 0, 6, 1),
        slices(0, 4, 1, 0, 5, 1, 6, 6, 1),
    };

    private static String describe(Slice[] slices) {
        StringBuilder sb = new StringBuilder("[");
        for (Slice s : slices) {
            sb.append(sb.length() > 1 ? ", " : "").append(s.start()).append(':').append(s.end()).append(':').append(s.step());
        }
        return sb.append(']').toString();
    }

    @TestFactory
    Stream<DynamicTest> slice() {
        List<OpCase> cases = new ArrayList<>();
        for (Slice[] s : SLICES) {
            cases.add(unary("slice", describe(s), SLICED, (b, in) -> b.slice(in.get(0), s), in -> ReferenceLayout.slice(in.get(0), s)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> sliceAssign() {
        List<OpCase> cases = new ArrayList<>();
        for (Slice[] s : SLICES) {
            Shape values = shape(Arrays.stream(s).mapToInt(Slice::length).toArray());
            cases.add(OpCase.of("sliceAssign", SLICED + " " + describe(s) + " = " + values).dtypes(Gen.ALL)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, SLICED, 1), Gen.SIGNED.make(dt, values, 2)))
                    .run((b, in) -> b.sliceAssign(in.get(0), s, in.get(1)))
                    .expect(in -> ReferenceLayout.sliceAssign(in.get(0), s, in.get(1))));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> cat() {
        List<OpCase> cases = new ArrayList<>();
        Shape[][] parts = {
            {shape(2, 3), shape(1, 3), shape(4, 3)},
            {shape(2, 3), shape(2, 1), shape(2, 2)},
            {shape(2, 3, 2), shape(2, 1, 2)},
            {shape(2, 3, 2), shape(2, 3, 1), shape(2, 3, 3)},
            // An empty part contributes nothing.
            {shape(2, 3), shape(0, 3), shape(1, 3)},
            {shape(3, 2)},
        };
        int[] dims = {0, 1, 1, 2, 0, 0};
        for (int i = 0; i < parts.length; i++) {
            Shape[] p = parts[i];
            int dim = dims[i];
            cases.add(OpCase.of("cat", Arrays.toString(p) + " dim " + dim).dtypes(Gen.ALL)
                    .inputs(dt -> {
                        List<dev.burnj.tensor.TensorData> in = new ArrayList<>();
                        for (int k = 0; k < p.length; k++) {
                            in.add(Gen.SIGNED.make(dt, p[k], 30 + k));
                        }
                        return in;
                    })
                    .run((b, in) -> b.cat(in, dim))
                    .expect(in -> ReferenceLayout.cat(in, dim)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> flip() {
        Shape s = shape(2, 3, 4);
        List<OpCase> cases = new ArrayList<>();
        for (int[] dims : new int[][] {{0}, {1}, {2}, {0, 2}, {0, 1, 2}, {}}) {
            cases.add(unary("flip", Arrays.toString(dims), s, (b, in) -> b.flip(in.get(0), dims), in -> ReferenceLayout.flip(in.get(0),
                    dims)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> repeat() {
        Shape s = shape(2, 3);
        List<OpCase> cases = new ArrayList<>();
        for (int[] dt : new int[][] {{0, 3}, {1, 2}, {0, 1}, {1, 4}}) {
            cases.add(unary("repeat", "dim " + dt[0] + " x" + dt[1], s, (b, in) -> b.repeat(in.get(0), dt[0], dt[1]),
                    in -> ReferenceLayout.repeat(in.get(0), dt[0], dt[1])));
        }
        cases.add(unary("repeat", "dim 1 x3", shape(2, 1, 3), (b, in) -> b.repeat(in.get(0), 1, 3),
                in -> ReferenceLayout.repeat(in.get(0), 1, 3)));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> pad() {
        Shape s = shape(2, 3, 4);
        int[][] paddings = {{0, 0, 1, 2, 2, 1}, {1, 0, 0, 0, 0, 3}, {0, 0, 2, 2, 3, 3}, {0, 0, 0, 0, 0, 0}};
        List<OpCase> cases = new ArrayList<>();
        for (PadMode mode : PadMode.values()) {
            for (int[] p : paddings) {
                // Reflect needs the padding smaller than the dim: the third set pads dim 1 (size 3) by 2, which is allowed.
                double value = 1;
                cases.add(OpCase.of("pad", s + " " + mode + " " + Arrays.toString(p)).dtypes(Gen.ALL)
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 40)))
                        .run((b, in) -> b.pad(in.get(0), p, mode, value))
                        .expect(in -> ReferenceLayout.pad(in.get(0), p, mode, value)));
            }
        }
        cases.add(OpCase.of("pad", s + " CONSTANT -2.5 [1, 1, 0, 1, 1, 0]").dtypes(Gen.FLOATS)
                .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 41)))
                .run((b, in) -> b.pad(in.get(0), new int[] {1, 1, 0, 1, 1, 0}, PadMode.CONSTANT, -2.5))
                .expect(in -> ReferenceLayout.pad(in.get(0), new int[] {1, 1, 0, 1, 1, 0}, PadMode.CONSTANT, -2.5)));
        return OpCase.all(but, cases);
    }
}
