package dev.burnj.optim;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.TensorScope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Gradients by parameter name: what optimizers, clipping and accumulation work on. Unlike {@link Grads} (keyed by
 * leaf tensor, filled by one backward pass) it can be built by hand, summed over micro-batches and rewritten in place.
 * It owns its tensors (no scope closes them); close it to free them.
 */
public final class ParamGrads implements AutoCloseable {
    private final Map<String, FloatTensor<?, ?, ?>> grads = new LinkedHashMap<>();

    private ParamGrads() {}

    /** An empty set, to fill with {@link #put}. */
    public static ParamGrads empty() {
        return new ParamGrads();
    }

    /** The gradients in {@code grads} of {@code module}'s trainable parameters (frozen ones and ones without a gradient are left out). */
    public static ParamGrads from(Module module, Grads grads) {
        ParamGrads out = new ParamGrads();
        for (Map.Entry<String, Param<?>> e : module.namedParameters().entrySet()) {
            if (e.getValue().isTrainable()) {
                out.take(e.getKey(), e.getValue(), grads);
            }
        }
        return out;
    }

    private <T extends FloatTensor<T, ?, ?>> void take(String name, Param<T> param, Grads grads) {
        grads.find(param.value()).ifPresent(g -> put(name, g));
    }

    /** Stores {@code grad} for the parameter {@code name}, taking ownership and closing a gradient it replaces. */
    public void put(String name, FloatTensor<?, ?, ?> grad) {
        FloatTensor<?, ?, ?> old = grads.put(name, unscoped(grad));
        if (old != null && old != grad) {
            old.close();
        }
    }

    /**
     * The gradient of parameter {@code name} whose value is {@code param}, if present; still owned by this set.
     *
     * @throws IllegalArgumentException if its shape or rank differs from the parameter's
     */
    @SuppressWarnings("unchecked")
    public <T extends FloatTensor<T, ?, ?>> Optional<T> find(String name, T param) {
        FloatTensor<?, ?, ?> g = grads.get(name);
        if (g == null) {
            return Optional.empty();
        }
        if (g.getClass() != param.getClass() || !g.shape().equals(param.shape())) {
            throw new IllegalArgumentException("gradient of '" + name + "' has shape " + g.shape() + " but the parameter has shape " + param.shape());
        }
        if (g.dtype() != param.dtype()) {
            throw new IllegalArgumentException("gradient of '" + name + "' has dtype " + g.dtype() + " but the parameter has dtype " + param.dtype());
        }
        return Optional.of((T) g);
    }

    /** The gradient held for {@code name}, or null. */
    public FloatTensor<?, ?, ?> get(String name) {
        return grads.get(name);
    }

    /** The parameter names with a gradient, in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(grads.keySet());
    }

    public int size() {
        return grads.size();
    }

    /** Replaces every gradient by {@code op} of it (the old tensors are closed); temporaries of {@code op} are freed. */
    void replaceAll(UnaryOperator<FloatTensor<?, ?, ?>> op) {
        for (Map.Entry<String, FloatTensor<?, ?, ?>> e : grads.entrySet()) {
            try (TensorScope scope = TensorScope.open()) {
                FloatTensor<?, ?, ?> next = unscoped(op.apply(e.getValue()));
                e.getValue().close();
                e.setValue(next);
            }
        }
    }

    /** Adds every gradient of {@code other} into this set (a name seen first is copied), leaving {@code other} intact. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void addAll(ParamGrads other) {
        for (Map.Entry<String, FloatTensor<?, ?, ?>> e : other.grads.entrySet()) {
            FloatTensor<?, ?, ?> mine = grads.get(e.getKey());
            FloatTensor incoming = e.getValue();
            if (mine == null) {
                put(e.getKey(), incoming.detach());
                continue;
            }
            if (mine.getClass() != incoming.getClass() || !mine.shape().equals(incoming.shape())) {
                throw new IllegalArgumentException("gradient of '" + e.getKey() + "' changed shape between micro-batches: " + mine.shape() + " then "
                        + incoming.shape());
            }
            put(e.getKey(), (FloatTensor<?, ?, ?>) ((FloatTensor) mine).add(incoming));
        }
    }

    /** Closes every gradient held. */
    @Override
    public void close() {
        grads.values().forEach(FloatTensor::close);
        grads.clear();
    }

    /** Takes {@code t} out of every scope of this thread (the wildcard type cannot satisfy the generic signature directly). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static FloatTensor<?, ?, ?> unscoped(FloatTensor<?, ?, ?> t) {
        TensorScope.unscoped((FloatTensor) t);
        return t;
    }
}
