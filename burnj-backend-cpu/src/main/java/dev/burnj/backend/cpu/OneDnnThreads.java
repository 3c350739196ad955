package dev.burnj.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.systems.global.linux;

/**
 * Who runs oneDNN's work in parallel, decided once, just before oneDNN loads.
 *
 * <p>By default ({@link Mode#SPLIT}) oneDNN runs single-threaded and this backend splits each product by rows or
 * columns ({@link GemmF32}) and each convolution by batch ({@link ConvDnnl}) across its own workers
 * ({@link Parallel}). Those wait for the next kernel by yielding, so a step's dozens of oneDNN calls cost no wake-up,
 * where a passive OpenMP team costs tens of microseconds per call and a spinning one takes the cores the JIT needs
 * (measurements in docs/design/cpu.md). libgomp reads {@code OMP_NUM_THREADS} only when it loads, and oneDNN's
 * presets cannot size its team, so the backend sets the variable to 1 for the process just before loading oneDNN
 * (through JavaCPP's libc presets) and restores the environment afterwards.
 *
 * <p>{@link Mode#OPENMP} leaves oneDNN to its OpenMP team, as before: when {@code -Dburnj.cpu.onednn=openmp} asks
 * for it, when the user set {@code OMP_NUM_THREADS} to more than one, or when an OpenMP runtime was already loaded
 * in the process (by ND4J, say), whose team size can no longer be changed.
 */
final class OneDnnThreads {
    /** The two ways of running oneDNN's work in parallel. */
    enum Mode {
        /** oneDNN single-threaded; this backend splits its calls across its own workers. */
        SPLIT,
        /** oneDNN's own OpenMP team; one call at a time. */
        OPENMP
    }

    static final String PROPERTY = "burnj.cpu.onednn";
    private static final String THREADS_ENV = "OMP_NUM_THREADS";

    private static volatile Mode mode = Mode.OPENMP;

    private OneDnnThreads() {}

    /** The mode in effect: {@link Mode#OPENMP} until {@link #beforeLoad()} has run. */
    static Mode mode() {
        return mode;
    }

    /**
     * Sets the mode and returns the previous one, for tests of the split paths: the pieces compute the same values
     * whoever runs oneDNN's threads, so a test may split even where an OpenMP team was sized first.
     */
    static Mode use(Mode m) {
        Mode previous = mode;
        mode = m;
        return previous;
    }

    /** How many pieces to cut a oneDNN call into: the worker count in {@link Mode#SPLIT}, else 1. */
    static int parts() {
        return mode == Mode.SPLIT ? Parallel.threads() : 1;
    }

    /**
     * Decides the mode from the property {@code burnj.cpu.onednn} ({@code split}, {@code openmp} or null), the
     * environment, and whether an OpenMP runtime is already loaded; {@code setsEnvironment} is set to whether
     * {@code OMP_NUM_THREADS=1} has to be put in the environment for it.
     */
    static Mode decide(String property, Map<String, String> env, boolean openMpLoaded, boolean[] setsEnvironment) {
        setsEnvironment[0] = false;
        if (property != null && !property.isBlank()) {
            String p = property.trim();
            if (p.equalsIgnoreCase("openmp")) {
                return Mode.OPENMP;
            }
            if (!p.equalsIgnoreCase("split")) {
                throw new IllegalArgumentException("-D" + PROPERTY + " must be split or openmp, got '" + property + "'");
            }
        }
        String threads = env.get(THREADS_ENV);
        if (threads != null && !threads.isBlank()) {
            return threads.trim().equals("1") ? Mode.SPLIT : Mode.OPENMP;
        }
        if (openMpLoaded) {
            return Mode.OPENMP;
        }
        setsEnvironment[0] = true;
        return Mode.SPLIT;
    }

    /**
     * Decides the mode and, for {@link Mode#SPLIT} without the variable, sets {@code OMP_NUM_THREADS=1}; returns
     * whether it did, so that {@link #afterLoad} restores the environment.
     */
    static boolean beforeLoad() {
        boolean[] sets = new boolean[1];
        Mode m = decide(System.getProperty(PROPERTY), System.getenv(), openMpLoaded(), sets);
        if (sets[0]) {
            try {
                Loader.load(linux.class);
                if (linux.setenv(THREADS_ENV, "1", 0) != 0) {
                    m = Mode.OPENMP;
                    sets[0] = false;
                }
            } catch (Throwable t) {
                // Without libc's presets the team keeps its default size, and oneDNN its own parallelism.
                m = Mode.OPENMP;
                sets[0] = false;
            }
        }
        mode = m;
        return sets[0];
    }

    /** Removes the variable {@link #beforeLoad} set, once oneDNN's OpenMP runtime has read it. */
    static void afterLoad(boolean setEnvironment) {
        if (setEnvironment) {
            linux.unsetenv(THREADS_ENV);
        }
    }

    /** Whether a libgomp (or another OpenMP runtime) is mapped into this process already. */
    private static boolean openMpLoaded() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("libgomp") || line.contains("libiomp") || line.contains("libomp.so")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            // Unknown: assume the worst, that a runtime is there and sized already.
            return true;
        }
    }
}
