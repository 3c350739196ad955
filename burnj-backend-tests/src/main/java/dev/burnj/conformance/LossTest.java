package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.reference.ReferenceLoss;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * crossEntropy and crossEntropyBackward (ModuleOps) against plain loops: small and training-sized batches, logits
 * far apart (the log-sum-exp must shift by the row maximum), I64 and I32 targets, and a target out of range.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class LossTest {
    private final BackendUnderTest but;

    LossTest(BackendUnderTest but) {
        this.but = but;
    }

    private static long[] targets(int n, int c, long seed) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.floorMod(i * 7 + seed, c);
        }
        return y;
    }

    private static TensorData targetData(long[] y, DType dt) {
        return dt == DType.I64 ? Data.i64(shape(y.length), y) : Data.of(DType.I32, shape(y.length), java.util.Arrays.stream(y).asDoubleStream().toArray());
    }

    @TestFactory
    Stream<DynamicTest> crossEntropy() {
        List<OpCase> cases = new ArrayList<>();
        for (int[] nc : new int[][] {{4, 3}, {64, 10}, {1, 1}}) {
            Shape s = shape(nc[0], nc[1]);
            for (DType targetType : new DType[] {DType.I64, DType.I32}) {
                long[] y = targets(nc[0], nc[1], 1);
                cases.add(OpCase.of("crossEntropy", s + " " + targetType + " targets")
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 1), targetData(y, targetType)))
                        .run((b, in) -> b.crossEntropy(in.get(0), in.get(1)))
                        .expect(in -> ReferenceLoss.crossEntropy(in.get(0), in.get(1))));
                cases.add(OpCase.of("crossEntropyBackward", s + " " + targetType + " targets")
                        .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 2), targetData(y, targetType), Gen.SIGNED.make(dt, shape(nc[0]), 3)))
                        .run((b, in) -> b.crossEntropyBackward(in.get(0), in.get(1), in.get(2)))
                        .expect(in -> ReferenceLoss.crossEntropyBackward(in.get(0), in.get(1), in.get(2))));
            }
        }
        Shape wide = shape(2, 3);
        long[] y = {0, 2};
        cases.add(OpCase.of("crossEntropy", "logits 1000 apart")
                .inputs(dt -> List.of(Data.of(dt, wide, 1000, 0, -1000, -50, 60, 55), Data.i64(shape(2), y)))
                .run((b, in) -> b.crossEntropy(in.get(0), in.get(1)))
                .expect(in -> ReferenceLoss.crossEntropy(in.get(0), in.get(1))));
        cases.add(OpCase.of("crossEntropyBackward", "logits 1000 apart")
                .inputs(dt -> List.of(Data.of(dt, wide, 1000, 0, -1000, -50, 60, 55), Data.i64(shape(2), y), Data.of(dt, shape(2), 1, -2)))
                .run((b, in) -> b.crossEntropyBackward(in.get(0), in.get(1), in.get(2)))
                .expect(in -> ReferenceLoss.crossEntropyBackward(in.get(0), in.get(1), in.get(2))));
        return OpCase.all(but, cases);
    }

    @Test
    void aTargetOutOfRangeIsRejected() {
        Backend b = but.plain();
        TensorPrimitive logits = b.fromData(Data.of(DType.F32, shape(2, 3), 1, 2, 3, 4, 5, 6), b.defaultDevice());
        TensorPrimitive targets = b.fromData(Data.i64(shape(2), 1, 3), b.defaultDevice());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.crossEntropy(logits, targets).release());
            assertTrue(e.getMessage().contains("target 3") && e.getMessage().contains("out of range"), e.getMessage());
        } finally {
            targets.release();
            logits.release();
        }
    }
}
