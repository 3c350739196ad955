package dev.burnj.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Frees the temporaries of a block deterministically: every tensor created on this thread while the scope is
 * open belongs to it and is closed when the scope closes, except the ones handed to {@link #keep}, which move
 * to the enclosing scope (or to nobody). Scopes nest and are per thread.
 *
 * <pre>{@code
 * try (var scope = TensorScope.open()) {
 *     Tensor2 loss = model.forward(x).sub(y).pow(2).mean()...;
 *     weights = scope.keep(weights.sub(grad.mul(lr)));
 * } // every other tensor of the step is freed here
 * }</pre>
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<BaseTensor<?, ?, ?, ?>> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private TensorScope() {}

    /** Opens a scope on the current thread. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        STACK.get().push(scope);
        return scope;
    }

    /** Moves {@code tensor} out of this scope into the enclosing one (or out of all scopes) and returns it. */
    public <T extends BaseTensor<T, ?, ?, ?>> T keep(T tensor) {
        checkOpen();
        if (owned.remove(tensor)) {
            ArrayDeque<TensorScope> stack = STACK.get();
            TensorScope parent = parentOf(stack);
            if (parent != null) {
                parent.owned.add(tensor);
            }
        }
        return tensor;
    }

    /**
     * Takes {@code tensor} out of whichever scope of this thread owns it: the caller (for example a module holding it
     * as a parameter) becomes responsible for closing it.
     */
    public static <T extends BaseTensor<T, ?, ?, ?>> T unscoped(T tensor) {
        forget(tensor);
        return tensor;
    }

    /**
     * Hands {@code tensor} to the innermost open scope of the current thread (or to nobody if none is open), as if it
     * had been created here. It is how a tensor made on another thread — a data loader's worker, which creates its
     * batches outside every scope — comes to be owned by the consumer. The tensor must not be owned by a scope of
     * another thread.
     */
    public static <T extends BaseTensor<?, ?, ?, ?>> T claim(T tensor) {
        forget(tensor);
        adopt(tensor);
        return tensor;
    }

    /** The number of live tensors this scope will close. */
    public int size() {
        return owned.size();
    }

    /** Closes every tensor still owned, innermost scope first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a TensorScope must be closed by the thread that opened it (" + owner.getName() + ")");
        }
        ArrayDeque<TensorScope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("TensorScopes must be closed innermost first");
        }
        stack.pop();
        closed = true;
        List<BaseTensor<?, ?, ?, ?>> toClose = new ArrayList<>(owned);
        owned.clear();
        for (BaseTensor<?, ?, ?, ?> t : toClose) {
            t.close();
        }
    }

    /**
     * How many tensors in this process were freed by the garbage-collector fallback because nobody closed them (each
     * such tensor held native memory until a GC ran). A growing count in a loop means a missing scope.
     */
    public static long gcFreedCount() {
        return TensorHandle.leakCount();
    }

    /** Registers a new tensor with the innermost open scope of this thread, if any. */
    static void adopt(BaseTensor<?, ?, ?, ?> tensor) {
        TensorScope scope = STACK.get().peek();
        if (scope != null) {
            scope.owned.add(tensor);
        }
    }

    /** Called when a tensor is closed explicitly so that its scope forgets it. */
    static void forget(BaseTensor<?, ?, ?, ?> tensor) {
        for (TensorScope scope : STACK.get()) {
            if (scope.owned.remove(tensor)) {
                return;
            }
        }
    }

    private TensorScope parentOf(ArrayDeque<TensorScope> stack) {
        boolean seen = false;
        for (TensorScope s : stack) {
            if (seen) {
                return s;
            }
            seen = s == this;
        }
        return null;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TensorScope is closed");
        }
    }
}
