package dev.burnj.backend;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import java.util.List;

/**
 * A compute backend: every tensor op, split by concern into {@link TensorOps}, {@link NumericOps},
 * {@link FloatOps}, {@link IntOps}, {@link BoolOps}, {@link ActivationOps}, {@link ModuleOps} and {@link OptimizerOps}. Backends are
 * plug-ins found by name through {@link BackendProvider}; decorators such as autodiff wrap another backend and
 * implement the same interface. Implementations are thread-safe.
 */
public interface Backend extends ActivationOps, ModuleOps, OptimizerOps, IntOps, BoolOps {
    /** Registry name, e.g. {@code "nd4j"}; decorated backends read {@code "autodiff(nd4j)"}. */
    String name();

    /** This backend's devices, index {@code i} at position {@code i}. */
    List<Device> devices();

    default Device defaultDevice() {
        return devices().get(0);
    }

    /** Whether tensors of {@code dtype} can be created on this backend. */
    boolean supports(DType dtype);

    /**
     * Whether every kernel gives bit-identical results for identical inputs, run after run on the same machine and
     * thread count: no floating-point atomics, a fixed reduction order. {@code Learner.deterministic(true)} requires
     * it. False unless a backend promises it.
     */
    default boolean isDeterministic() {
        return false;
    }

    /** Whether this backend records operations for reverse-mode autodiff. */
    default boolean isAutodiff() {
        return false;
    }

    /** Gradient operations; only autodiff backends have them. */
    default AutodiffOps autodiffOps() {
        throw new IllegalStateException("backend " + name() + " does not track gradients: use a device from device.autodiff()");
    }

    /** The device of the decorated backend that {@code device} of this backend runs on (itself if undecorated). */
    default Device innerDevice(Device device) {
        return device;
    }

    /** Waits until all queued work on {@code device} has finished. */
    default void sync(Device device) {}

    /** Live tensors and bytes held by this backend, for leak checks; unknown values are -1. */
    default MemoryStats memoryStats() {
        return MemoryStats.UNKNOWN;
    }
}
