package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceLayout;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.conformance.support.Gen;
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

/** Indexing ops: gather, scatter (assign and add, with duplicate indices), indexSelect, and ModuleOps' embedding. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class IndexingTest {
    private static final Shape SOURCE = shape(3, 4, 5);

    private final BackendUnderTest but;

    IndexingTest(BackendUnderTest but) {
        this.but = but;
    }

    /** Random indices in {@code [0, bound)} of {@code shape}, as {@code dtype}. */
    private static TensorData indices(DType dtype, Shape shape, int bound, long seed) {
        return Data.of(dtype, shape, Data.ints(seed, shape.numelInt(), 0, bound - 1));
    }

    @TestFactory
    Stream<DynamicTest> gather() {
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            // The index tensor may be longer or shorter than the source along dim, never elsewhere.
            for (int len : new int[] {2, 7}) {
                Shape idx = SOURCE.withDim(d, len);
                for (DType indexType : new DType[] {DType.I64, DType.I32}) {
                    cases.add(OpCase.of("gather", SOURCE + " dim " + d + " indices " + idx + " " + indexType).dtypes(Gen.ALL)
                            .inputs(dt -> List.of(Gen.SIGNED.make(dt, SOURCE, 1), indices(indexType, idx, SOURCE.dim(d), 2 + d)))
                            .run((b, in) -> b.gather(in.get(0), d, in.get(1)))
                            .expect(in -> ReferenceLayout.gather(in.get(0), d, in.get(1))));
                }
            }
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> scatter() {
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            // Random indices repeat, so both the accumulation (add) and the last-write-wins rule (assign) are exercised.
            for (int len : new int[] {2, 7}) {
                Shape idx = SOURCE.withDim(d, len);
                for (boolean add : new boolean[] {false, true}) {
                    cases.add(OpCase.of("scatter", SOURCE + " dim " + d + " indices " + idx + (add ? " add" : " assign"))
                            .dtypes(add ? Gen.NUMERIC : Gen.ALL)
                            .inputs(dt -> List.of(Gen.SIGNED.make(dt, SOURCE, 1), indices(DType.I64, idx, SOURCE.dim(d), 5 + d),
                                    Gen.SIGNED.make(dt, idx, 6)))
                            .run((b, in) -> b.scatter(in.get(0), d, in.get(1), in.get(2), add))
                            .expect(in -> ReferenceLayout.scatter(in.get(0), d, in.get(1), in.get(2), add)));
                }
            }
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> indexSelect() {
        List<OpCase> cases = new ArrayList<>();
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            // Repeated and out-of-order indices, plus an empty selection.
            for (long[] picks : new long[][] {{2, 0, 2, 1}, {0}, {}}) {
                long[] p = picks.clone();
                for (int i = 0; i < p.length; i++) {
                    p[i] = Math.min(p[i], SOURCE.dim(d) - 1);
                }
                cases.add(OpCase.of("indexSelect", SOURCE + " dim " + d + " " + java.util.Arrays.toString(p)).dtypes(Gen.ALL)
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, SOURCE, 9), Data.i64(shape(p.length), p)))
                        .run((b, in) -> b.indexSelect(in.get(0), d, in.get(1)))
                        .expect(in -> ReferenceLayout.indexSelect(in.get(0), d, in.get(1))));
            }
        }
        cases.add(OpCase.of("indexSelect", SOURCE + " dim 1 I32 [3, 3, 0]").dtypes(Gen.FLOATS)
                .inputs(dt -> List.of(Gen.SIGNED.make(dt, SOURCE, 9), Data.of(DType.I32, shape(3), 3, 3, 0)))
                .run((b, in) -> b.indexSelect(in.get(0), 1, in.get(1)))
                .expect(in -> ReferenceLayout.indexSelect(in.get(0), 1, in.get(1))));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> embedding() {
        Shape weight = shape(6, 3);
        Shape idx = shape(2, 4);
        return OpCase.all(but, OpCase.of("embedding", "weight " + weight + " indices " + idx + " with repeats").dtypes(Gen.FLOATS)
                .inputs(dt -> List.of(Gen.SIGNED.make(dt, weight, 1), Data.i64(idx, 5, 0, 2, 2, 1, 5, 0, 3)))
                .run((b, in) -> b.embedding(in.get(0), in.get(1)))
                .expect(in -> ReferenceLayout.embedding(in.get(0), in.get(1))));
    }
}
