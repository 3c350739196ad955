package dev.burnj.conformance;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;

/**
 * The backend a conformance run checks, injected into test constructors and methods by
 * {@link BackendExtension}. {@link #plain()} is the backend itself; {@link #autodiff()} is the same backend
 * under the autodiff decorator, which every forward test also runs on.
 */
public record BackendUnderTest(Backend plain, Backend autodiff) {
    /** JUnit configuration parameter (or system property) naming the backend under test. */
    public static final String BACKEND_PARAMETER = "burnj.conformance.backend";

    static BackendUnderTest named(String name) {
        Backend backend = Backends.get(name);
        return new BackendUnderTest(backend, Backends.decorate("autodiff", backend));
    }

    public Device device() {
        return plain.defaultDevice();
    }

    public Device autodiffDevice() {
        return autodiff.defaultDevice();
    }

    /** Whether gradient checks can run in double precision; otherwise they compare against a reference backend. */
    public boolean supportsF64() {
        return plain.supports(DType.F64);
    }

    @Override
    public String toString() {
        return plain.name();
    }
}
