package dev.burnj.autodiff;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.Backend;
import dev.burnj.backend.MemoryStats;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;

/**
 * Reverse-mode autodiff over any {@link Backend}: {@code autodiff(<inner>)}. Every op unwraps its inputs, runs on the
 * inner backend and wraps the result in an {@link AutodiffTensor}; float results of tracked inputs also get a graph
 * node with the op's backward rule. Devices mirror the inner backend's. Gradients are first order; see
 * {@code docs/design/autodiff.md}.
 */
public final class AutodiffBackend extends AutodiffIntBoolOps {
    private final GradientOps gradients;

    public AutodiffBackend(Backend inner) {
        super(checkInner(inner));
        this.gradients = new GradientOps(this, inner);
    }

    private static Backend checkInner(Backend inner) {
        if (inner == null) {
            throw new NullPointerException("autodiff: the inner backend is null");
        }
        if (inner.isAutodiff()) {
            throw new IllegalArgumentException("autodiff: backend " + inner.name() + " already tracks gradients; it cannot be decorated twice");
        }
        return inner;
    }

    /** The decorated backend. */
    public Backend inner() {
        return inner;
    }

    @Override
    public String name() {
        return "autodiff(" + inner.name() + ")";
    }

    @Override
    public boolean supports(DType dtype) {
        return inner.supports(dtype);
    }

    @Override
    public boolean isDeterministic() {
        return inner.isDeterministic();
    }

    @Override
    public boolean isAutodiff() {
        return true;
    }

    @Override
    public AutodiffOps autodiffOps() {
        return gradients;
    }

    @Override
    public void sync(Device device) {
        inner.sync(innerDevice(device));
    }

    /** The inner backend's statistics: autodiff tensors own no memory beyond the inner tensors they wrap. */
    @Override
    public MemoryStats memoryStats() {
        return inner.memoryStats();
    }

    @Override
    public String toString() {
        return name();
    }
}
