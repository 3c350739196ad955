package dev.burnj.autodiff;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import java.util.Map;

/**
 * The leaf gradients of one backward pass, keyed by leaf node identity: every reference to the same leaf tensor (and
 * the tensor object after it has been freed) finds the same gradient. Values are untracked autodiff tensors.
 */
final class AutodiffGradients implements Gradients {
    private final AutodiffCore backend;
    private final Map<Node, AutodiffTensor> grads;
    private boolean closed;

    AutodiffGradients(AutodiffCore backend, Map<Node, AutodiffTensor> grads) {
        this.backend = backend;
        this.grads = grads;
    }

    @Override
    public synchronized TensorPrimitive get(TensorPrimitive tensor) {
        AutodiffTensor grad = grads.get(keyOf(tensor));
        return grad == null ? null : grad.retain();
    }

    @Override
    public synchronized TensorPrimitive remove(TensorPrimitive tensor) {
        return grads.remove(keyOf(tensor));
    }

    @Override
    public synchronized int size() {
        return grads.size();
    }

    @Override
    public synchronized void close() {
        grads.values().forEach(TensorPrimitive::release);
        grads.clear();
        closed = true;
    }

    private Node keyOf(TensorPrimitive tensor) {
        if (closed) {
            throw new IllegalStateException("gradients were closed; their tensors have been released");
        }
        if (!(tensor instanceof AutodiffTensor a) || a.owner() != backend) {
            throw new IllegalArgumentException("gradients: expected a tensor of backend " + backend.name() + ", got "
                    + (tensor == null ? "null" : tensor.getClass().getSimpleName() + " on " + tensor.device()));
        }
        return a.node();
    }

    @Override
    public synchronized String toString() {
        return "Gradients" + grads.keySet();
    }
}
