package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reverse-mode pass: collects the graph behind the root, runs the backward rules in reverse topological order
 * (descending node id), sums the gradients reaching each node, hands leaf gradients to {@link AutodiffGradients} and
 * frees the state of every op node it walked, so the same graph cannot be differentiated twice.
 */
final class BackwardPass {
    private final AutodiffCore backend;
    private final Backend inner;

    BackwardPass(AutodiffCore backend, Backend inner) {
        this.backend = backend;
        this.inner = inner;
    }

    /** Runs from {@code root} with the inner seed {@code seed}, taking over the seed's reference. */
    AutodiffGradients run(Node root, TensorPrimitive seed) {
        List<Node> nodes;
        try {
            nodes = collect(root);
        } catch (RuntimeException | Error e) {
            seed.release();
            throw e;
        }
        // Holding a reference to each walked node keeps a parent alive while its children are consumed before it.
        Map<Node, TensorPrimitive> pending = new IdentityHashMap<>();
        Map<Node, AutodiffTensor> leafGrads = new IdentityHashMap<>();
        pending.put(root, seed);
        boolean completed = false;
        try {
            for (Node node : nodes) {
                TensorPrimitive grad = pending.remove(node);
                if (grad == null) {
                    continue;
                }
                if (node.isLeaf()) {
                    leafGrads.put(node, backend.wrap(grad));
                    continue;
                }
                try {
                    propagate(node, grad, pending);
                } finally {
                    grad.release();
                }
            }
            completed = true;
        } finally {
            pending.values().forEach(TensorPrimitive::release);
            if (!completed) {
                leafGrads.values().forEach(TensorPrimitive::release);
            }
            for (Node node : nodes) {
                if (!node.isLeaf()) {
                    node.consume();
                }
                node.release();
            }
        }
        return new AutodiffGradients(backend, leafGrads);
    }

    /** The nodes reachable from {@code root}, each retained once, in reverse topological order. */
    private static List<Node> collect(Node root) {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        seen.put(root, Boolean.TRUE);
        try {
            while (!stack.isEmpty()) {
                Node n = stack.pop();
                if (n.isFreed()) {
                    throw new IllegalStateException("backward: the graph through " + n + " was already freed by a previous backward(); "
                            + "a graph can be differentiated only once, so recompute the forward pass for another backward");
                }
                n.retain();
                nodes.add(n);
                for (Node p : n.parents()) {
                    if (p != null && seen.put(p, Boolean.TRUE) == null) {
                        stack.push(p);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            nodes.forEach(Node::release);
            throw e;
        }
        nodes.sort(Comparator.comparingLong(Node::id).reversed());
        return nodes;
    }

    /** Applies the node's rule and adds each parent's share to what has reached that parent so far. */
    private void propagate(Node node, TensorPrimitive grad, Map<Node, TensorPrimitive> pending) {
        Node[] parents = node.parents();
        TensorPrimitive[] inputGrads = node.rule().apply(grad);
        if (inputGrads.length != parents.length) {
            Refs.release(inputGrads);
            throw new IllegalStateException("backward of " + node.op() + " returned " + inputGrads.length + " gradients for "
                    + parents.length + " inputs");
        }
        for (int i = 0; i < parents.length; i++) {
            TensorPrimitive g = inputGrads[i];
            Node parent = parents[i];
            if (g == null) {
                continue;
            }
            if (parent == null) {
                g.release();
                continue;
            }
            if (!g.shape().equals(parent.shape())) {
                for (int j = i; j < inputGrads.length; j++) {
                    Refs.release(inputGrads[j]);
                }
                throw new IllegalStateException("backward of " + node.op() + " produced a gradient of shape " + g.shape() + " for input " + i
                        + " of shape " + parent.shape());
            }
            TensorPrimitive previous = pending.get(parent);
            if (previous == null) {
                pending.put(parent, g);
            } else {
                pending.put(parent, inner.add(previous, g));
                Refs.release(previous, g);
            }
        }
    }
}
