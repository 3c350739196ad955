package dev.burnj.backend.cpu;

import dev.burnj.backend.Backend;
import dev.burnj.backend.BackendProvider;

/**
 * Registers the JVM-native CPU backend as {@code "cpu"}. Its Java kernels need nothing native; oneDNN (bundled for
 * linux-x86_64) loads on first use of a matmul or convolution, and {@link #availability()} reports whether it loads.
 */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Availability availability() {
        String problem = Dnnl.loadProblem();
        return problem == null ? Availability.yes() : Availability.no(problem);
    }

    @Override
    public Backend create() {
        String problem = Dnnl.loadProblem();
        if (problem != null) {
            throw new IllegalStateException("backend 'cpu' is unavailable: " + problem);
        }
        return new CpuBackend();
    }
}
