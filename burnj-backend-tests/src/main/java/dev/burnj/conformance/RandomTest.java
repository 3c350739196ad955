package dev.burnj.conformance;

import static dev.burnj.conformance.support.Data.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.support.Coverage;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.conformance.support.Tolerance;
import dev.burnj.random.Philox;
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
 * FloatOps.random: exactly the values of {@link Philox#samples} for every seed and stream offset (the
 * cross-backend reproducibility contract), and plausible moments over 100k samples.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class RandomTest {
    private static final List<Distribution> DISTRIBUTIONS = List.of(new Distribution.Uniform(-1, 3), new Distribution.Normal(0.5, 2),
            new Distribution.Bernoulli(0.3), new Distribution.Uniform(0, 1));

    private final BackendUnderTest but;

    RandomTest(BackendUnderTest but) {
        this.but = but;
    }

    /** Seeds and offsets include ones with high 32-bit halves, which select the second key and counter words. */
    @TestFactory
    Stream<DynamicTest> matchesPhilox() {
        Shape s = shape(3, 7);
        List<OpCase> cases = new ArrayList<>();
        for (Distribution dist : DISTRIBUTIONS) {
            for (long seed : new long[] {0, 42, 0x1234_5678_9ABC_DEF0L}) {
                for (long offset : new long[] {0, 1000, (1L << 32) + 5}) {
                    cases.add(OpCase.of("random", s + " " + dist + " seed " + seed + " offset " + offset).contiguousOnly()
                            .inputs(dt -> List.of())
                            .run((b, in) -> b.random(s, dist, seed, offset, DType.F64, b.defaultDevice()))
                            .expect(in -> TensorData.fromDoubles(Philox.samples(dist, seed, offset, s.numelInt()), s, DType.F64))
                            .dtypes(DType.F64)
                            .tolerance(dt -> Tolerance.EXACT));
                    cases.add(OpCase.of("random", s + " " + dist + " seed " + seed + " offset " + offset + " rounded").contiguousOnly()
                            .inputs(dt -> List.of())
                            .run((b, in) -> b.random(s, dist, seed, offset, DType.F32, b.defaultDevice()))
                            // F32 values are the F64 samples rounded to nearest.
                            .expect(in -> TensorData.fromDoubles(Philox.samples(dist, seed, offset, s.numelInt()), s, DType.F32))
                            .dtypes(DType.F32)
                            .tolerance(dt -> Tolerance.EXACT));
                }
            }
        }
        return OpCase.all(but, cases);
    }

    /** Mean and variance of 100k samples within 5 standard errors; uniform samples stay inside [low, high). */
    @TestFactory
    Stream<DynamicTest> moments() {
        Coverage.forward("random");
        int n = 100_000;
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : List.of(but.plain(), but.autodiff())) {
            for (Distribution dist : DISTRIBUTIONS) {
                tests.add(DynamicTest.dynamicTest("random " + dist + " moments of " + n + " F64 samples on " + backend.name(), () -> {
                    TensorPrimitive t = backend.random(shape(n), dist, 7, 0, DType.F64, backend.defaultDevice());
                    double[] v;
                    try {
                        v = backend.toData(t).toDoubles();
                    } finally {
                        t.release();
                    }
                    double[] expected = moments(dist);
                    double mean = 0;
                    for (double x : v) {
                        mean += x;
                    }
                    mean /= n;
                    double var = 0;
                    for (double x : v) {
                        var += (x - mean) * (x - mean);
                    }
                    var /= n - 1;
                    // Standard errors: sqrt(var/n) for the mean, roughly var*sqrt(2/n) (normal) or less for the variance.
                    double meanTol = 5 * Math.sqrt(expected[1] / n);
                    double varTol = 5 * expected[1] * Math.sqrt(2.0 / n);
                    assertEquals(expected[0], mean, meanTol, dist + " on " + backend.name() + ": sample mean");
                    assertEquals(expected[1], var, varTol, dist + " on " + backend.name() + ": sample variance");
                    if (dist instanceof Distribution.Uniform u) {
                        for (double x : v) {
                            assertTrue(x >= u.low() && x < u.high(), dist + " on " + backend.name() + ": sample " + x + " out of range");
                        }
                    }
                    if (dist instanceof Distribution.Bernoulli) {
                        for (double x : v) {
                            assertTrue(x == 0 || x == 1, dist + " on " + backend.name() + ": sample " + x + " is not 0 or 1");
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** Exact mean and variance of {@code dist}. */
    private static double[] moments(Distribution dist) {
        if (dist instanceof Distribution.Uniform u) {
            double w = u.high() - u.low();
            return new double[] {(u.low() + u.high()) / 2, w * w / 12};
        } else if (dist instanceof Distribution.Normal nd) {
            return new double[] {nd.mean(), nd.std() * nd.std()};
        } else if (dist instanceof Distribution.Bernoulli b) {
            return new double[] {b.p(), b.p() * (1 - b.p())};
        }
        throw new IllegalArgumentException(String.valueOf(dist));
    }
}
