package dev.burnj.conformance.support;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * One forward conformance case: an SPI op, how to build its host inputs for a dtype, how to call it, and the
 * reference result. {@link #tests} expands it into one dynamic test per backend ({@code plain} and
 * {@code autodiff}), dtype and input {@link Layout}, each comparing the backend with the reference.
 *
 * <p>On the autodiff backend float inputs are gradient leaves, so the recording path is the one checked.
 */
public final class OpCase {
    /** Calls the op on {@code backend}; returns new references owned by the caller (null entries allowed). */
    @FunctionalInterface
    public interface Op {
        List<TensorPrimitive> apply(Backend backend, List<TensorPrimitive> inputs);
    }

    /** A single-output op. */
    @FunctionalInterface
    public interface SingleOp {
        TensorPrimitive apply(Backend backend, List<TensorPrimitive> inputs);
    }

    /** The reference: expected outputs (null entries where the op returns null) from the host inputs. */
    @FunctionalInterface
    public interface Reference {
        List<TensorData> apply(List<TensorData> inputs);
    }

    /** A single-output reference. */
    @FunctionalInterface
    public interface SingleReference {
        TensorData apply(List<TensorData> inputs);
    }

    private final String op;
    private final String label;
    private List<DType> dtypes = List.of(DType.F32, DType.F64);
    private Function<DType, List<TensorData>> inputs;
    private Op call;
    private Reference reference;
    private Function<DType, Tolerance> tolerance = Tolerance::of;
    private boolean layouts = true;

    private OpCase(String op, String label) {
        this.op = op;
        this.label = label;
    }

    /**
     * A case of SPI method {@code op} (its exact name, for coverage), described by {@code label} (shapes and
     * arguments) in test names and failure messages.
     */
    public static OpCase of(String op, String label) {
        return new OpCase(op, label);
    }

    /** The dtypes to run (the parameter of {@link #inputs}); F32 and F64 by default. Unsupported ones are skipped. */
    public OpCase dtypes(DType... dtypes) {
        this.dtypes = List.of(dtypes);
        return this;
    }

    public OpCase dtypes(List<DType> dtypes) {
        this.dtypes = List.copyOf(dtypes);
        return this;
    }

    /** The host inputs for a dtype; inputs of fixed dtype (indices, masks) ignore it. */
    public OpCase inputs(Function<DType, List<TensorData>> inputs) {
        this.inputs = inputs;
        return this;
    }

    public OpCase run(SingleOp single) {
        this.call = (b, in) -> List.of(single.apply(b, in));
        return this;
    }

    public OpCase runAll(Op op) {
        this.call = op;
        return this;
    }

    public OpCase expect(SingleReference single) {
        this.reference = in -> List.of(single.apply(in));
        return this;
    }

    public OpCase expectAll(Reference reference) {
        this.reference = reference;
        return this;
    }

    /** Overrides the per-dtype tolerance. */
    public OpCase tolerance(Function<DType, Tolerance> tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    /** Widens the F32 tolerance by {@code factor}; callers say why in a comment. */
    public OpCase looserF32(double factor) {
        this.tolerance = dt -> dt == DType.F32 ? Tolerance.of(dt).times(factor) : Tolerance.of(dt);
        return this;
    }

    /** Runs contiguous inputs only (for ops whose inputs are not tensors of interesting layout). */
    public OpCase contiguousOnly() {
        this.layouts = false;
        return this;
    }

    /** The dynamic tests of this case on both backends of {@code but}. */
    public Stream<DynamicTest> tests(BackendUnderTest but) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(call, "run");
        Objects.requireNonNull(reference, "expect");
        Coverage.forward(op);
        List<DynamicTest> out = new ArrayList<>();
        for (Backend backend : List.of(but.plain(), but.autodiff())) {
            for (DType dtype : dtypes) {
                if (!backend.supports(dtype)) {
                    continue;
                }
                List<TensorData> host = inputs.apply(dtype);
                for (Layout layout : layouts ? Layout.values() : new Layout[] {Layout.CONTIGUOUS}) {
                    if (layout != Layout.CONTIGUOUS && host.stream().noneMatch(d -> d != null && layout.appliesTo(d.shape()))) {
                        continue;
                    }
                    String name = describe(dtype) + " " + layout.name().toLowerCase() + " on " + backend.name();
                    out.add(DynamicTest.dynamicTest(name, () -> check(backend, dtype, host, layout, name)));
                }
            }
        }
        return out.stream();
    }

    /** {@code op label dtype}, the start of every test name and message. */
    public String describe(DType dtype) {
        return op + " " + label + " " + dtype;
    }

    private void check(Backend backend, DType dtype, List<TensorData> host, Layout layout, String name) {
        List<TensorData> expected = reference.apply(host);
        long liveBefore = backend.isAutodiff() ? -1 : backend.memoryStats().liveTensors();
        try {
            compute(backend, dtype, host, layout, name, expected);
        } catch (RuntimeException e) {
            NotImplemented.skipIfDeclared(name, e);
            // Test runners often show dynamic tests by index only; the message must name the case.
            throw new AssertionFailedError(name + " (inputs " + shapes(host) + ") threw " + e, e);
        }
        // Releasing every input and result must free everything the op allocated (checked where the backend counts).
        // Only growth counts: tensors that other tests forgot may be freed by the GC meanwhile, lowering the count.
        long liveAfter = backend.isAutodiff() ? -1 : backend.memoryStats().liveTensors();
        if (liveBefore >= 0 && liveAfter >= 0 && liveAfter > liveBefore) {
            throw new AssertionFailedError(name + ": " + (liveAfter - liveBefore)
                    + " tensors still live after releasing inputs and results");
        }
    }

    private void compute(Backend backend, DType dtype, List<TensorData> host, Layout layout, String name, List<TensorData> expected) {
        try (Scope scope = new Scope()) {
            List<TensorPrimitive> args = new ArrayList<>();
            for (TensorData d : host) {
                if (d == null) {
                    args.add(null);
                    continue;
                }
                Layout l = layout.appliesTo(d.shape()) ? layout : Layout.CONTIGUOUS;
                boolean track = backend.isAutodiff() && d.dtype().isFloat();
                args.add(l.create(backend, d, track, scope));
            }
            List<TensorPrimitive> results = call.apply(backend, args);
            results.forEach(scope::own);
            if (results.size() != expected.size()) {
                throw new AssertionFailedError(name + ": " + results.size() + " outputs, expected " + expected.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                String what = name + (expected.size() > 1 ? " output " + i : "") + " (inputs " + shapes(host) + ")";
                TensorData e = expected.get(i);
                TensorPrimitive r = results.get(i);
                if (e == null || r == null) {
                    if ((e == null) != (r == null)) {
                        throw new AssertionFailedError(what + ": expected " + (e == null ? "null" : Compare.preview(e)) + ", got "
                                + (r == null ? "null" : r.shape() + " " + r.dtype()));
                    }
                    continue;
                }
                if (!r.shape().equals(e.shape()) || r.dtype() != e.dtype()) {
                    throw new AssertionFailedError(what + ": result primitive reports " + r.shape() + " " + r.dtype() + ", expected "
                            + e.shape() + " " + e.dtype());
                }
                if (!r.device().equals(backend.defaultDevice())) {
                    throw new AssertionFailedError(what + ": result is on " + r.device() + ", expected " + backend.defaultDevice());
                }
                Compare.assertClose(what, e, backend.toData(r), tolerance.apply(dtype));
            }
        }
    }

    private static String shapes(List<TensorData> host) {
        List<String> s = new ArrayList<>();
        for (TensorData d : host) {
            s.add(d == null ? "null" : Arrays.toString(d.shape().dims()) + " " + d.dtype());
        }
        return String.join(", ", s);
    }

    /** All dynamic tests of {@code cases}. */
    public static Stream<DynamicTest> all(BackendUnderTest but, OpCase... cases) {
        return Arrays.stream(cases).flatMap(c -> c.tests(but));
    }

    /** All dynamic tests of {@code cases}. */
    public static Stream<DynamicTest> all(BackendUnderTest but, List<OpCase> cases) {
        return cases.stream().flatMap(c -> c.tests(but));
    }
}
