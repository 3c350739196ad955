package dev.burnj.backend.cpu;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * oneDNN through JavaCPP's presets: loads the library once, owns the CPU engine, and wraps
 * tensor addresses as JavaCPP pointers without copying. oneDNN picks its instruction set (AVX2, AVX-512, ...) at run
 * time, so one build serves every x86-64 machine.
 */
final class Dnnl {
    private static final String PROBLEM = load();
    private static volatile Dnnl instance;

    private final engine cpu;

    private Dnnl() {
        cpu = new engine(engine.kind.cpu, 0);
    }

    /**
     * Loads the natives (the presets also load OpenCL's, from org.bytedeco:opencl) and runs a 1x1 product, so that a
     * library that loads but cannot compute counts as a problem too.
     */
    private static String load() {
        try {
            boolean setEnvironment = OneDnnThreads.beforeLoad();
            try {
                Loader.load(dnnl.class);
            } finally {
                OneDnnThreads.afterLoad(setEnvironment);
            }
            try (FloatPointer abc = new FloatPointer(3f, 4f, 0f)) {
                int status = dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', 1, 1, 1, 1f, abc, 1, abc.getPointer(1), 1, 0f, abc.getPointer(2), 1);
                if (status != dnnl.dnnl_success || abc.get(2) != 12f) {
                    return "oneDNN's sgemm self-test failed (status " + status + ", 3 x 4 = " + abc.get(2) + ")";
                }
            }
            return null;
        } catch (Throwable t) {
            return "oneDNN (org.bytedeco:dnnl for " + Loader.getPlatform() + ") did not load: " + t;
        }
    }

    /** Null when oneDNN loaded, else why not. */
    static String loadProblem() {
        return PROBLEM;
    }

    /** The process-wide engine and stream, created on first use. */
    static Dnnl get() {
        Dnnl d = instance;
        if (d == null) {
            synchronized (Dnnl.class) {
                if (PROBLEM != null) {
                    throw new IllegalStateException("cpu: " + PROBLEM);
                }
                d = instance;
                if (d == null) {
                    d = new Dnnl();
                    instance = d;
                }
            }
        }
        return d;
    }

    engine engine() {
        return cpu;
    }

    /** A pointer to {@code address} for oneDNN calls; it owns nothing and is never deallocated. */
    static Pointer pointer(long address) {
        return new Address(address);
    }

    /** A float pointer to {@code address}, as the GEMM entry points take. */
    static FloatPointer floats(long address) {
        return new FloatPointer(new Address(address));
    }

    /** Throws when a oneDNN C call returned a status other than success. */
    static void check(int status, String what) {
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException("cpu: oneDNN " + what + " failed with status " + status);
        }
    }

    /** JavaCPP pointers carry their address in a protected field; this subclass sets it. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
