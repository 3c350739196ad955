package dev.burnj.conformance.grad;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.Coverage;
import dev.burnj.conformance.support.NotImplemented;
import dev.burnj.conformance.support.ReferenceBackend;
import dev.burnj.conformance.support.Scope;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The one gradient checker of the suite. For an op {@code f} with inputs {@code x_k} it reduces the output to the
 * scalar {@code L = sum(f(x) * r)} with a fixed random weight {@code r} (so the upstream gradient is not all
 * ones), runs {@code backward} on the autodiff backend, and compares {@code dL/dx_k} for every differentiable
 * input with
 * <ul>
 *   <li>central finite differences in F64 ({@code eps = 1e-6}) evaluated on the plain backend, passing when
 *       {@code |numeric - analytic| <= 1e-6 * max(1, max|analytic|)}, when the backend supports F64;
 *   <li>otherwise the F64 analytic gradient of the {@link ReferenceBackend}, within 1e-4 relative in the 2-norm.
 * </ul>
 * Inputs must keep at least 1e-3 from kinks and ties so that a step of {@code eps} never crosses one.
 */
public final class GradientCheck {
    static final double EPS = 1e-6;
    static final double TOLERANCE = 1e-6;
    static final double REFERENCE_TOLERANCE = 1e-4;

    private static final AtomicInteger CHECKS = new AtomicInteger();
    private static final AtomicInteger CASES = new AtomicInteger();

    private final BackendUnderTest but;
    private final ReferenceBackend reference;

    public GradientCheck(BackendUnderTest but, ReferenceBackend reference) {
        this.but = but;
        this.reference = reference;
    }

    /** Gradient checks run so far: one per differentiable input of a case. */
    public static int checks() {
        return CHECKS.get();
    }

    /** Cases (op configurations) checked so far. */
    public static int cases() {
        return CASES.get();
    }

    /** A new case of op {@code op} (its SPI name), with {@code label} describing shapes and arguments. */
    public static GradCase of(String op, String label) {
        return new GradCase(op, label);
    }

    /** One dynamic test per case. */
    public Stream<DynamicTest> tests(GradCase... cases) {
        return tests(Arrays.asList(cases));
    }

    /** One dynamic test per case. */
    public Stream<DynamicTest> tests(List<GradCase> cases) {
        return cases.stream().map(c -> {
            Coverage.gradient(c.op());
            String name = c.describe() + " on " + but.autodiff().name();
            return DynamicTest.dynamicTest(name, () -> {
                try {
                    check(c);
                } catch (RuntimeException e) {
                    NotImplemented.skipIfDeclared(name, e);
                    // Test runners often show dynamic tests by index only; the message must name the case.
                    throw new AssertionFailedError(name + " threw " + e, e);
                }
            });
        });
    }

    /** Checks the gradient of every differentiable input of {@code c}. */
    public void check(GradCase c) {
        if (but.supportsF64()) {
            checkNumerically(c);
        } else {
            checkAgainstReference(c);
        }
        CASES.incrementAndGet();
        CHECKS.addAndGet(c.differentiable().size());
    }

    private void checkNumerically(GradCase c) {
        List<TensorData> host = c.host(DType.F64);
        double[] r = weights(c, outputShape(but.plain(), c, host));
        List<double[]> analytic = analytic(but.autodiff(), c, host, r);
        Backend plain = but.plain();
        StringBuilder failures = new StringBuilder();
        try (Scope scope = new Scope()) {
            List<TensorPrimitive> base = new ArrayList<>();
            for (TensorData d : host) {
                base.add(scope.own(plain.fromData(d, plain.defaultDevice())));
            }
            List<Integer> diff = c.differentiable();
            for (int k = 0; k < diff.size(); k++) {
                int input = diff.get(k);
                double[] x = host.get(input).toDoubles();
                double[] numeric = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    double[] plus = x.clone();
                    double[] minus = x.clone();
                    plus[j] += EPS;
                    minus[j] -= EPS;
                    double fp = evaluate(plain, c, base, input, TensorData.fromDoubles(plus, host.get(input).shape(), DType.F64), r);
                    double fm = evaluate(plain, c, base, input, TensorData.fromDoubles(minus, host.get(input).shape(), DType.F64), r);
                    numeric[j] = (fp - fm) / (plus[j] - minus[j]);
                }
                compareNumeric(c, input, host.get(input).shape(), numeric, analytic.get(k), failures);
            }
        }
        if (failures.length() > 0) {
            throw new AssertionFailedError(c.describe() + " on " + but.autodiff().name() + ": gradient differs from central differences"
                    + failures);
        }
    }

    private static void compareNumeric(GradCase c, int input, Shape shape, double[] numeric, double[] analytic, StringBuilder failures) {
        double scale = 1.0;
        for (double a : analytic) {
            scale = Math.max(scale, Math.abs(a));
        }
        double bound = TOLERANCE * scale;
        int bad = 0;
        StringBuilder details = new StringBuilder();
        for (int j = 0; j < numeric.length; j++) {
            double diff = Math.abs(numeric[j] - analytic[j]);
            if (!(diff <= bound)) {
                if (bad < 5) {
                    details.append("\n    element ").append(j).append(": numeric ").append(numeric[j]).append(", analytic ")
                            .append(analytic[j]);
                }
                bad++;
            }
        }
        if (bad > 0) {
            failures.append("\n  input ").append(input).append(" ").append(shape).append(": ").append(bad).append(" of ")
                    .append(numeric.length).append(" elements beyond ").append(bound).append(details)
                    .append("\n    numeric  ").append(preview(numeric)).append("\n    analytic ").append(preview(analytic));
        }
    }

    private void checkAgainstReference(GradCase c) {
        List<TensorData> host32 = c.host(DType.F32);
        List<TensorData> host64 = c.host(DType.F64);
        double[] r = weights(c, outputShape(but.plain(), c, host32));
        List<double[]> actual = analytic(but.autodiff(), c, host32, r);
        List<double[]> expected = analytic(reference.autodiff(), c, host64, r);
        StringBuilder failures = new StringBuilder();
        List<Integer> diff = c.differentiable();
        for (int k = 0; k < diff.size(); k++) {
            double err = 0;
            double norm = 0;
            for (int j = 0; j < expected.get(k).length; j++) {
                double d = actual.get(k)[j] - expected.get(k)[j];
                err += d * d;
                norm += expected.get(k)[j] * expected.get(k)[j];
            }
            // A zero reference gradient must come out (almost) zero; the floor keeps the relative test meaningful.
            if (!(Math.sqrt(err) <= REFERENCE_TOLERANCE * Math.max(Math.sqrt(norm), 1e-6))) {
                failures.append("\n  input ").append(diff.get(k)).append(": relative error ").append(Math.sqrt(err) / Math.sqrt(norm))
                        .append("\n    F32      ").append(preview(actual.get(k))).append("\n    ").append(reference.name())
                        .append(" F64 ").append(preview(expected.get(k)));
            }
        }
        if (failures.length() > 0) {
            throw new AssertionFailedError(c.describe() + " on " + but.autodiff().name() + ": F32 gradient differs from "
                    + reference.name() + " in F64" + failures);
        }
    }

    /** Shape of the op's output on {@code plain}. */
    private static Shape outputShape(Backend plain, GradCase c, List<TensorData> host) {
        try (Scope scope = new Scope()) {
            List<TensorPrimitive> in = new ArrayList<>();
            for (TensorData d : host) {
                in.add(scope.own(plain.fromData(d, plain.defaultDevice())));
            }
            return scope.own(c.op(plain, in)).shape();
        }
    }

    /** {@code dL/dx_k} for every differentiable input, by backward on {@code ad}. */
    private static List<double[]> analytic(Backend ad, GradCase c, List<TensorData> host, double[] r) {
        AutodiffOps grad = ad.autodiffOps();
        List<double[]> out = new ArrayList<>();
        try (Scope scope = new Scope()) {
            List<TensorPrimitive> in = new ArrayList<>();
            for (int i = 0; i < host.size(); i++) {
                TensorPrimitive p = scope.own(ad.fromData(host.get(i), ad.defaultDevice()));
                in.add(c.differentiable().contains(i) ? scope.own(grad.requireGrad(p)) : p);
            }
            TensorPrimitive y = scope.own(c.op(ad, in));
            DType dtype = host.get(c.differentiable().get(0)).dtype();
            TensorPrimitive weight = scope.own(ad.fromData(TensorData.fromDoubles(r, y.shape(), dtype), ad.defaultDevice()));
            TensorPrimitive weighted = scope.own(ad.mul(y, weight));
            TensorPrimitive root = scope.own(ad.sum(weighted));
            try (Gradients gradients = grad.backward(root, null)) {
                for (int i : c.differentiable()) {
                    TensorPrimitive g = scope.own(gradients.get(in.get(i)));
                    Shape shape = host.get(i).shape();
                    if (g == null) {
                        // No gradient reached the input: it is zero, which finite differences confirm or refute.
                        out.add(new double[shape.numelInt()]);
                        continue;
                    }
                    if (!g.shape().equals(shape) || g.dtype() != dtype) {
                        throw new AssertionFailedError(c.describe() + " on " + ad.name() + ": gradient of input " + i + " is " + g.shape()
                                + " " + g.dtype() + ", expected " + shape + " " + dtype);
                    }
                    out.add(ad.toData(g).toDoubles());
                }
            }
        }
        return out;
    }

    /** {@code sum(f(x) * r)} on the host, with input {@code replaced} swapped for {@code value}. */
    private static double evaluate(Backend plain, GradCase c, List<TensorPrimitive> base, int replaced, TensorData value, double[] r) {
        try (Scope scope = new Scope()) {
            List<TensorPrimitive> in = new ArrayList<>(base);
            in.set(replaced, scope.own(plain.fromData(value, plain.defaultDevice())));
            double[] y = plain.toData(scope.own(c.op(plain, in))).toDoubles();
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += y[i] * r[i];
            }
            return s;
        }
    }

    /** Fixed weights in {@code ±[0.5, 1.5)}, seeded by the case so reruns see the same values. */
    private static double[] weights(GradCase c, Shape shape) {
        SplittableRandom random = new SplittableRandom(c.describe().hashCode());
        double[] r = new double[shape.numelInt()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble());
        }
        return r;
    }

    private static String preview(double[] v) {
        int n = Math.min(v.length, 12);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format("%.9g", v[i]));
        }
        return sb.append(v.length > n ? ", ...]" : "]").toString();
    }
}
