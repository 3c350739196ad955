package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.BackendDecorator;

/** The {@code "autodiff"} decorator, found by {@link java.util.ServiceLoader}: {@code Device.of("autodiff(nd4j)")}. */
public final class AutodiffDecorator implements BackendDecorator {
    @Override
    public String name() {
        return "autodiff";
    }

    @Override
    public Backend decorate(Backend inner) {
        return new AutodiffBackend(inner);
    }
}
