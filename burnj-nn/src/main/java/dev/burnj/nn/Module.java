package dev.burnj.nn;

import dev.burnj.random.Generator;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.NoGrad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Base class of every model and layer. A module is an ordinary Java class: its {@link Param}, {@link Buffer},
 * sub-module, {@code List} and {@code Map<String, ?>} fields are found by reflection (see
 * {@link ModuleFields}), so parameters get stable hierarchical names ({@code encoder.layers.0.linear1.weight}) that
 * match a PyTorch {@code state_dict} wherever the structures correspond.
 *
 * <p>Training mode (dropout active, batch norm updating its statistics) is the default; {@link #eval()} switches the
 * whole tree. In eval mode a forward pass reads but never writes module state, so a trained model can serve
 * inference from several threads at once (inside {@code NoGrad}). Modules own native memory: close them (or use
 * try-with-resources) when done.
 */
public abstract class Module implements AutoCloseable {
    private volatile boolean training = true;

    /** Every parameter, trainable or frozen, by hierarchical name, in declaration order. */
    public final Map<String, Param<?>> namedParameters() {
        Map<String, Param<?>> out = new LinkedHashMap<>();
        walk("", (name, state) -> {
            if (state instanceof Param<?> p) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Param<?>> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer (saved, never optimized) by hierarchical name. */
    public final Map<String, Buffer<?>> namedBuffers() {
        Map<String, Buffer<?>> out = new LinkedHashMap<>();
        walk("", (name, state) -> {
            if (state instanceof Buffer<?> b) {
                out.put(name, b);
            }
        });
        return out;
    }

    /** Parameters and buffers by name: what a record saves and loads (PyTorch's {@code state_dict}). */
    public final Map<String, StateTensor<?>> namedState() {
        Map<String, StateTensor<?>> out = new LinkedHashMap<>();
        walk("", out::put);
        return out;
    }

    /** This module (name {@code ""}) and every sub-module by hierarchical name. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    /**
     * The random generators of this module tree (e.g. each dropout's mask stream) by hierarchical field name
     * ({@code encoder.layers.0.dropout.generator}); one shared by several layers appears under each name. A training
     * checkpoint saves their seeds and positions, so a resumed run draws the same masks.
     */
    public final Map<String, Generator> namedGenerators() {
        Map<String, Generator> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, m) -> ModuleFields.visitGenerators(m, (name, g) -> out.put(prefix.isEmpty() ? name : prefix + "." + name, g)));
        return out;
    }

    /** The number of parameter elements (trainable or not), as PyTorch's {@code sum(p.numel())}. */
    public final long numParams() {
        long n = 0;
        for (Param<?> p : namedParameters().values()) {
            n += p.numel();
        }
        return n;
    }

    /** Switches this module and all sub-modules to training mode. */
    public final void train() {
        namedModules().values().forEach(m -> m.training = true);
    }

    /** Switches this module and all sub-modules to evaluation mode. */
    public final void eval() {
        namedModules().values().forEach(m -> m.training = false);
    }

    public final boolean isTraining() {
        return training;
    }

    /**
     * Runs {@code forward} as inference on this model: it must be in eval mode, so that the pass reads but never writes
     * module state (dropout off, batch norm on its running statistics), and no gradients are recorded. Several threads
     * may call this at once on the same model, e.g. {@code model.infer(() -> model.forward(batch))} from a request pool.
     *
     * @throws IllegalStateException if the model is in training mode
     */
    public final <R> R infer(Supplier<R> forward) {
        if (training) {
            throw new IllegalStateException(getClass().getSimpleName() + " is in training mode: call eval() before infer(), so that "
                    + "dropout and batch norm neither draw random numbers nor update their statistics");
        }
        try (NoGrad ignored = NoGrad.enter()) {
            return forward.get();
        }
    }

    /** Freezes every parameter. */
    public final void freeze() {
        parameters().forEach(p -> p.setTrainable(false));
    }

    /** Unfreezes every parameter. */
    public final void unfreeze() {
        parameters().forEach(p -> p.setTrainable(true));
    }

    /** Freezes the parameters whose hierarchical name matches {@code regex} entirely; returns how many. */
    public final int freeze(String regex) {
        return setTrainable(regex, false);
    }

    /** Unfreezes the parameters whose hierarchical name matches {@code regex} entirely; returns how many. */
    public final int unfreeze(String regex) {
        return setTrainable(regex, true);
    }

    /** Moves every parameter and buffer to {@code device} (trainable parameters stay gradient leaves there). */
    public final void to(Device device) {
        namedState().values().forEach(s -> s.moveTo(device));
    }

    /**
     * Frees every parameter and buffer of this module and its sub-modules now rather than when the GC runs. The module
     * must not be used afterwards.
     */
    @Override
    public void close() {
        namedState().values().forEach(StateTensor::close);
    }

    /** A table of every parameter and buffer: name, shape, element count, trainable; then the totals. */
    public final String summary() {
        return ModuleSummary.of(this);
    }

    private int setTrainable(String regex, boolean trainable) {
        Pattern pattern = Pattern.compile(regex);
        int n = 0;
        for (Map.Entry<String, Param<?>> e : namedParameters().entrySet()) {
            if (pattern.matcher(e.getKey()).matches()) {
                e.getValue().setTrainable(trainable);
                n++;
            }
        }
        return n;
    }

    private void walk(String prefix, java.util.function.BiConsumer<String, StateTensor<?>> sink) {
        ModuleFields.visit(this, (name, state) -> sink.accept(prefix + name, state),
                (name, child) -> child.walk(prefix + name + ".", sink));
    }

    private static void collectModules(String name, Module module, Map<String, Module> out) {
        if (out.containsValue(module)) {
            return;
        }
        out.put(name, module);
        ModuleFields.visit(module, (n, s) -> { }, (n, child) -> collectModules(name.isEmpty() ? n : name + "." + n, child, out));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + numParams() + " params)";
    }
}
