package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Layers applied in order to one tensor class (PyTorch's {@code nn.Sequential}, restricted to one rank).
 *
 * <p>Layers have different ranks and overloaded {@code forward} methods, so no single Java interface types them all.
 * Each step is therefore added as the module (for state discovery and names) together with its forward function as
 * a method reference; the compiler picks the overload for {@code T} and rejects a layer that cannot map {@code T} to
 * {@code T}. A model that changes rank (convolutions, then a flatten, then linear layers) composes two
 * {@code Sequential}s of different classes around the rank-changing call.
 *
 * <pre>{@code
 * Sequential<Tensor2> mlp = Sequential.builder(Tensor2.class)
 *         .add(fc1, fc1::forward).add(relu, relu::forward).add(fc2, fc2::forward).build();
 * }</pre>
 *
 * State names are {@code <i>.<name>}, as PyTorch's Sequential names them.
 *
 * @param <T> the tensor class every layer takes and returns
 */
public final class Sequential<T extends FloatTensor<T, ?, ?>> extends Module {
    @StateName("")
    private final List<Module> layers;
    private final transient List<UnaryOperator<T>> steps;

    private Sequential(List<Module> layers, List<UnaryOperator<T>> steps) {
        this.layers = List.copyOf(layers);
        this.steps = List.copyOf(steps);
    }

    /** A builder of a sequence over tensors of class {@code type}. */
    public static <T extends FloatTensor<T, ?, ?>> Builder<T> builder(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new Builder<>();
    }

    /** The layers, in order (unmodifiable). */
    public List<Module> layers() {
        return layers;
    }

    /** Applies every layer in turn, closing each intermediate result; the input stays the caller's. */
    public T forward(T input) {
        T current = input;
        for (UnaryOperator<T> step : steps) {
            T next = step.apply(current);
            if (current != input && next != current) {
                current.close();
            }
            current = next;
        }
        return current;
    }

    /** Collects the steps of a {@link Sequential}. */
    public static final class Builder<T extends FloatTensor<T, ?, ?>> {
        private final List<Module> layers = new ArrayList<>();
        private final List<UnaryOperator<T>> steps = new ArrayList<>();

        private Builder() {}

        /** Appends {@code module}, applied by {@code forward} (usually {@code module::forward}). */
        public Builder<T> add(Module module, UnaryOperator<T> forward) {
            layers.add(Objects.requireNonNull(module, "module"));
            steps.add(Objects.requireNonNull(forward, "forward"));
            return this;
        }

        public Sequential<T> build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("Sequential: add at least one layer");
            }
            return new Sequential<>(layers, steps);
        }
    }
}
