package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.conformance.reference.ReferenceElementwise;
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

/** Data transfer and conversion (TensorOps): fromData/toData round trips, full, cast between all dtypes, toDevice. */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class DataTest {
    private final BackendUnderTest but;

    DataTest(BackendUnderTest but) {
        this.but = but;
    }

    /** Values stored and read back are bit-identical, including an empty tensor and extreme values. */
    @TestFactory
    Stream<DynamicTest> roundTrip() {
        List<OpCase> cases = new ArrayList<>();
        for (Shape s : new Shape[] {shape(1), shape(7), shape(2, 3), shape(2, 3, 4), shape(1, 2, 1, 3, 2), shape(0, 4)}) {
            cases.add(OpCase.of("fromData", "round trip " + s).dtypes(Gen.ALL)
                    .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 1)))
                    .run((b, in) -> in.get(0).retain())
                    .expect(in -> in.get(0)));
        }
        cases.add(OpCase.of("toData", "extremes [6]").dtypes(Gen.FLOATS)
                .inputs(dt -> List.of(Gen.values(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1e-30, -0.0, 123456.789).make(dt,
                        shape(6), 0)))
                .run((b, in) -> in.get(0).retain())
                .expect(in -> in.get(0)));
        cases.add(OpCase.of("toData", "large ints [4]").dtypes(DType.I64)
                .inputs(dt -> List.of(Data.i64(shape(4), Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53 | 1, -(1L << 40))))
                .run((b, in) -> in.get(0).retain())
                .expect(in -> in.get(0)));
        cases.add(OpCase.of("toData", "large ints [3]").dtypes(DType.I32)
                .inputs(dt -> List.of(TensorData.of(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 7}, shape(3))))
                .run((b, in) -> in.get(0).retain())
                .expect(in -> in.get(0)));
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> full() {
        List<OpCase> cases = new ArrayList<>();
        for (Shape s : new Shape[] {shape(3), shape(2, 3), shape(0, 2)}) {
            for (DType dt : Gen.ALL) {
                double value = dt.isFloat() ? -1.25 : dt.isInt() ? 7 : 1;
                cases.add(OpCase.of("full", s + " " + value).dtypes(dt)
                        .inputs(d -> List.of())
                        .run((b, in) -> b.full(s, value, dt, b.defaultDevice()))
                        .expect(in -> TensorData.filled(value, s, dt)));
            }
        }
        return OpCase.all(but, cases);
    }

    /**
     * Every pair of dtypes: float to int truncates toward zero (-2.7 to -2), non-zero to bool is true (including
     * 0.25 and -1), bool to numeric is 0/1, F64 to F32 rounds.
     */
    @TestFactory
    Stream<DynamicTest> cast() {
        Gen tricky = Gen.values(-2.7, 2.7, -0.5, 0.25, 0, -1, 3, 1.0000001, -7.999, 9.5, 0.1, -0.0);
        Shape s = shape(3, 4);
        List<OpCase> cases = new ArrayList<>();
        for (DType target : Gen.ALL) {
            cases.add(OpCase.of("cast", s + " to " + target).dtypes(Gen.ALL)
                    .inputs(dt -> List.of(tricky.make(dt, s, 0)))
                    .run((b, in) -> b.cast(in.get(0), target))
                    .expect(in -> ReferenceElementwise.cast(in.get(0), target)));
        }
        return OpCase.all(but, cases);
    }

    @TestFactory
    Stream<DynamicTest> toDevice() {
        Shape s = shape(2, 3);
        return OpCase.all(but, OpCase.of("toDevice", s + " same backend, default device").dtypes(Gen.ALL)
                .inputs(dt -> List.of(Gen.SIGNED.make(dt, s, 3)))
                .run((b, in) -> b.toDevice(in.get(0), b.defaultDevice()))
                .expect(in -> in.get(0)));
    }
}
