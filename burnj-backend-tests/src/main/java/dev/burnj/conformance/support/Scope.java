package dev.burnj.conformance.support;

import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayList;
import java.util.List;

/** Owns the primitives a check creates and releases each of them once, in reverse order, on close. */
public final class Scope implements AutoCloseable {
    private final List<TensorPrimitive> owned = new ArrayList<>();

    /** Takes over the caller's reference to {@code primitive} (null is ignored) and returns it. */
    public TensorPrimitive own(TensorPrimitive primitive) {
        if (primitive != null) {
            owned.add(primitive);
        }
        return primitive;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).release();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        owned.clear();
        if (first != null) {
            throw first;
        }
    }
}
