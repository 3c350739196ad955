package dev.burnj.conformance.support;

import dev.burnj.conformance.grad.GradientCheck;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the conformance totals once, when the whole run ends: SPI ops covered by forward checks (and those
 * missing) and the number of gradient checks, as counted by {@link GradientCheck}.
 */
public final class CoverageReport implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CoverageReport.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Printer.class, k -> new Printer(), Printer.class);
    }

    /** Closed by JUnit when the root context (the run) ends. */
    static final class Printer implements AutoCloseable {
        private final AtomicBoolean printed = new AtomicBoolean();

        @Override
        public void close() {
            if (printed.compareAndSet(false, true)) {
                System.out.println(summary());
            }
        }
    }

    /** The one-paragraph summary the report prints. */
    public static String summary() {
        return "burnj conformance: " + Coverage.forwardCovered().size() + " of " + Coverage.spiOps().size()
                + " SPI ops covered by forward checks" + (Coverage.missing().isEmpty() ? "" : " (not covered: " + Coverage.missing() + ")")
                + "; " + GradientCheck.checks() + " gradient checks (" + GradientCheck.cases() + " cases over "
                + Coverage.gradientCovered().size() + " ops)"
                + (NotImplemented.declared().isEmpty() ? "" : "; not implemented yet on this backend: " + NotImplemented.declared() + " ("
                        + NotImplemented.skipped() + " tests skipped)");
    }
}
