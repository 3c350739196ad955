package dev.burnj.conformance.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the autodiff behaviour tests: the backend under test, its autodiff decorator, and a fixture that releases
 * every tensor a test made once the test ends.
 */
@ExtendWith(BackendExtension.class)
abstract class AutodiffTestBase {
    protected final BackendUnderTest backend;
    protected final AutodiffFixture f;
    protected final Backend ad;

    AutodiffTestBase(BackendUnderTest backend) {
        this.backend = backend;
        this.f = new AutodiffFixture(backend);
        this.ad = backend.autodiff();
    }

    @AfterEach
    void release() {
        f.close();
    }
}
