package dev.burnj.backend.cpu;

import dev.burnj.backend.Backend;
import dev.burnj.backend.BackendProvider;
import java.util.Map;

/**
 * Registers the JVM-native CPU backend as {@code "cpu"}. Its Java kernels need nothing native; oneDNN (bundled for
 * linux-x86_64) loads on first use of a matmul or convolution, and {@link #availability()} reports whether it loads.
 * When oneDNN keeps its own OpenMP team ({@link OneDnnThreads}), creating the backend warns once if
 * {@code OMP_WAIT_POLICY} is not set (see {@link #waitPolicyAdvice}).
 */
public final class CpuBackendProvider implements BackendProvider {
    private static final System.Logger LOG = System.getLogger("dev.burnj.backend.cpu");
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
        String advice = waitPolicyAdvice(OneDnnThreads.mode(), System.getenv());
        if (advice != null) {
            LOG.log(System.Logger.Level.WARNING, advice);
        }
        return new CpuBackend();
    }

    /**
     * The warning for oneDNN on its own OpenMP team in an environment without {@code OMP_WAIT_POLICY}, else null.
     * libgomp reads the variable when it loads: unset, its threads spin for milliseconds after every oneDNN call and
     * take a core from the JIT and this backend's workers. A single-threaded oneDNN has no such threads.
     */
    static String waitPolicyAdvice(OneDnnThreads.Mode mode, Map<String, String> env) {
        if (mode != OneDnnThreads.Mode.OPENMP) {
            return null;
        }
        String policy = env.get("OMP_WAIT_POLICY");
        if (policy != null && !policy.isBlank()) {
            return null;
        }
        return "burnj cpu backend: OMP_WAIT_POLICY is not set, so oneDNN's OpenMP threads spin after every call and compete with"
                + " the JIT and burnj's own threads (training ran at about half speed on 2 cores); set OMP_WAIT_POLICY=passive in the"
                + " environment of this process, as bin/burnj does (docs/design/cpu.md)";
    }
}
