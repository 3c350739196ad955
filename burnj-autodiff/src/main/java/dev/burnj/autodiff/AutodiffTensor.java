package dev.burnj.autodiff;

import dev.burnj.backend.RefCountedPrimitive;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Device;

/**
 * The primitive of the autodiff backend: a tensor of the inner backend plus, for tracked float tensors, the graph
 * {@link Node} that produced it. Every tensor the autodiff backend returns is one of these, whatever its kind; int,
 * bool and untracked float tensors have no node. Freeing it releases the inner tensor and its reference to the node.
 */
public final class AutodiffTensor extends RefCountedPrimitive {
    private final AutodiffCore owner;
    private final TensorPrimitive inner;
    private final Node node;

    /** Takes over the caller's reference to {@code inner} and to {@code node} (which may be null). */
    AutodiffTensor(AutodiffCore owner, TensorPrimitive inner, Node node, Device device) {
        super(inner.shape(), inner.dtype(), device);
        this.owner = owner;
        this.inner = inner;
        this.node = node;
    }

    /** The inner backend's tensor, borrowed: valid while this tensor is live; retain it to keep it longer. */
    public TensorPrimitive inner() {
        checkLive();
        return inner;
    }

    /** Whether a reference besides the caller's holds this tensor (and so may still read its inner tensor). */
    boolean isShared() {
        return references() > 1;
    }

    /** Whether this tensor is part of a graph, i.e. gradients flow to or through it. */
    public boolean isTracked() {
        return node != null;
    }

    AutodiffCore owner() {
        return owner;
    }

    /** The graph node; stays readable after the tensor is freed so that gradients can still be looked up by it. */
    Node node() {
        return node;
    }

    @Override
    protected void free() {
        inner.release();
        if (node != null) {
            node.release();
        }
    }

    @Override
    public String toString() {
        return "AutodiffTensor" + shape() + " " + dtype() + (node == null ? "" : " <- " + node);
    }
}
