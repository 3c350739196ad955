package dev.burnj.conformance.support;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;

/**
 * The backend whose F64 gradients stand in for finite differences when the backend under test has no F64
 * (named by {@value #PARAMETER}, default {@code nd4j}). Resolved lazily: it is only created when needed.
 */
public record ReferenceBackend(String name) {
    /** JUnit configuration parameter (or system property) naming the reference backend. */
    public static final String PARAMETER = "burnj.conformance.reference";
    public static final String DEFAULT = "nd4j";

    /** The reference backend under the autodiff decorator. */
    public Backend autodiff() {
        return Backends.decorate("autodiff", Backends.get(name));
    }

    /** The reference backend itself. */
    public Backend plain() {
        return Backends.get(name);
    }
}
