package dev.burnj.autodiff;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A vertex of the autodiff graph: either a leaf (a tensor marked with {@code requireGrad}, whose gradient is
 * reported) or the output of a recorded op, holding the op's {@link BackwardRule}, the inner tensors saved for it and
 * its parent nodes (one per op input, null for untracked inputs).
 *
 * <p>Memory is reference-counted, not left to the GC: each live {@link AutodiffTensor} and each child node holding
 * this node counts once. At zero the node frees its state (saved tensors, rule) and drops its parents, which may
 * cascade. A backward pass also frees the state of every op node it walks ("consumes" it), so the graph can be
 * differentiated only once. {@link #liveCounter} counts nodes whose state has not been freed yet.
 */
final class Node {
    private static final Node[] NONE = new Node[0];
    // Ids are global and increasing: a node is created after its parents, so sorting by id descending is a topological order.
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String op;
    private final Shape shape;
    private final DType dtype;
    private final boolean leaf;
    private final LongAdder liveCounter;
    private final AtomicInteger refs = new AtomicInteger(1);

    // Guarded by this; null once the state is freed.
    private Node[] parents;
    private BackwardRule rule;
    private SavedTensors saved;
    private boolean freed;

    private Node(String op, Shape shape, DType dtype, boolean leaf, Node[] parents, BackwardRule rule, SavedTensors saved,
            LongAdder liveCounter) {
        this.op = op;
        this.shape = shape;
        this.dtype = dtype;
        this.leaf = leaf;
        this.parents = parents;
        this.rule = rule;
        this.saved = saved;
        this.liveCounter = liveCounter;
        liveCounter.increment();
    }

    /** A leaf whose gradient backward reports; the caller owns the one reference. */
    static Node leaf(Shape shape, DType dtype, LongAdder liveCounter) {
        return new Node("leaf", shape, dtype, true, NONE, null, new SavedTensors(), liveCounter);
    }

    /** An op node; takes over the saved tensors and adds a reference to each non-null parent. */
    static Node op(String op, Shape shape, DType dtype, Node[] parents, BackwardRule rule, SavedTensors saved, LongAdder liveCounter) {
        for (Node p : parents) {
            if (p != null) {
                p.retain();
            }
        }
        return new Node(op, shape, dtype, false, parents, rule, saved, liveCounter);
    }

    long id() {
        return id;
    }

    String op() {
        return op;
    }

    Shape shape() {
        return shape;
    }

    DType dtype() {
        return dtype;
    }

    boolean isLeaf() {
        return leaf;
    }

    /** Whether the node's state was freed by a backward pass (reachable nodes are never freed otherwise). */
    synchronized boolean isFreed() {
        return freed;
    }

    /** The parents, aligned with the op's inputs; empty once freed. */
    synchronized Node[] parents() {
        return parents == null ? NONE : parents;
    }

    /** The backward rule, or null for leaves and freed nodes. */
    synchronized BackwardRule rule() {
        return rule;
    }

    void retain() {
        int prev;
        do {
            prev = refs.get();
            if (prev <= 0) {
                throw new IllegalStateException("autodiff node " + this + " was already released");
            }
        } while (!refs.compareAndSet(prev, prev + 1));
    }

    /** Drops one reference; at zero frees the state and releases the parents, iteratively so deep chains cannot overflow the stack. */
    void release() {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Node n = pending.pop();
            int left = n.refs.decrementAndGet();
            if (left == 0) {
                for (Node p : n.freeState()) {
                    if (p != null) {
                        pending.push(p);
                    }
                }
            } else if (left < 0) {
                throw new IllegalStateException("autodiff node " + n + " released more often than retained");
            }
        }
    }

    /** Frees the state after backward has used it and lets go of the parents; the node object itself lives on. */
    void consume() {
        for (Node p : freeState()) {
            if (p != null) {
                p.release();
            }
        }
    }

    /** Frees saved tensors and the rule once; returns the parents whose references the caller must now drop. */
    private Node[] freeState() {
        Node[] dropped;
        SavedTensors toRelease;
        synchronized (this) {
            if (freed) {
                return NONE;
            }
            freed = true;
            dropped = parents;
            toRelease = saved;
            parents = null;
            rule = null;
            saved = null;
        }
        liveCounter.decrement();
        toRelease.release();
        return dropped;
    }

    @Override
    public String toString() {
        return op + "#" + id + shape;
    }
}
