package dev.burnj.tensor;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import java.util.Objects;

/**
 * Where a tensor lives and which backend computes on it. Tensors carry their device; there is no backend
 * type parameter. Obtain one with {@link #defaultDevice()}, {@link #of(String)} or a backend's
 * {@link Backend#devices()}; {@link #autodiff()} gives the same device with gradient tracking.
 */
public final class Device {
    private final Backend backend;
    private final String type;
    private final int index;

    /** Backends create their devices; users look them up. */
    public Device(Backend backend, String type, int index) {
        this.backend = Objects.requireNonNull(backend);
        this.type = Objects.requireNonNull(type);
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
        this.index = index;
    }

    /**
     * The default device: the first device of the backend named by {@code BURNJ_BACKEND} (system property
     * {@code burnj.backend} or environment variable), else of {@code cpu}, else of {@code nd4j} (see
     * {@link Backends#defaultBackendName()}). A GPU backend is never chosen unless named.
     */
    public static Device defaultDevice() {
        return Backends.defaultBackend().defaultDevice();
    }

    /**
     * A device by specification: {@code "nd4j"}, {@code "nd4j:0"}, or with the autodiff decorator
     * {@code "autodiff(nd4j)"} / {@code "autodiff(nd4j):0"}.
     */
    public static Device of(String spec) {
        return Backends.device(spec);
    }

    public Backend backend() {
        return backend;
    }

    /** Device type within the backend, e.g. {@code "cpu"}. */
    public String type() {
        return type;
    }

    public int index() {
        return index;
    }

    /** The same device with reverse-mode autodiff on top (needs {@code burnj-autodiff} on the class path). */
    public Device autodiff() {
        if (backend.isAutodiff()) {
            return this;
        }
        return Backends.decorate("autodiff", backend).devices().get(index);
    }

    /** The device under any decorator (itself when undecorated). */
    public Device inner() {
        return backend.innerDevice(this);
    }

    public boolean isAutodiff() {
        return backend.isAutodiff();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.backend == backend && d.type.equals(type) && d.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(backend), type, index);
    }

    @Override
    public String toString() {
        return backend.name() + ":" + type + ":" + index;
    }
}
