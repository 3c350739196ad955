package dev.burnj.optim;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A first-order optimizer over a module's parameters, with PyTorch's update rules. Parameters are addressed by their
 * hierarchical names ({@link Module#namedParameters()}), which key both the gradients ({@link ParamGrads}) and the
 * per-parameter state, so a module can be rebuilt and its optimizer state restored by name.
 *
 * <p>Group 0 is the default group (the config's learning rate and weight decay); groups 1.. are the config's
 * {@link ParamGroup}s in order, and a parameter belongs to the first that selects it. Schedulers change a group's
 * learning rate with {@link #setLr} and, for optimizers {@linkplain #hasMomentum() with a momentum}, its momentum with
 * {@link #setMomentum} (as PyTorch's {@code OneCycleLR} cycles a group's {@code momentum} or {@code betas[0]}).
 *
 * <p>{@link #step} runs under {@link NoGrad} and a {@link TensorScope} per parameter, writes each new value with
 * {@link Param#set} and skips frozen parameters and those without a gradient.
 */
public abstract class Optimizer implements AutoCloseable {
    private final List<ParamGroup> selectors;
    private final double[] initialLrs;
    private final double[] lrs;
    private final double[] weightDecays;
    /** PyTorch's name of the momentum hyperparameter, or null when this optimizer has none. */
    private final String momentumName;
    private final double[] initialMomenta;
    private final double[] momenta;
    private final Map<String, Integer> groupOfName = new HashMap<>();
    private final Map<String, ParamState> states = new LinkedHashMap<>();

    /** An optimizer without a momentum hyperparameter (Adagrad). */
    protected Optimizer(OptimizerConfig<?> config) {
        this(config, null, 0);
    }

    /**
     * An optimizer whose every group has a momentum named {@code momentumName} (PyTorch's {@code "momentum"} or
     * {@code "beta1"}), initially {@code momentum}; null for none.
     */
    protected Optimizer(OptimizerConfig<?> config, String momentumName, double momentum) {
        this.selectors = List.copyOf(config.groups());
        int n = selectors.size() + 1;
        initialLrs = new double[n];
        weightDecays = new double[n];
        initialLrs[0] = config.lr();
        weightDecays[0] = config.weightDecay();
        for (int i = 1; i < n; i++) {
            ParamGroup g = selectors.get(i - 1);
            initialLrs[i] = g.lr().orElse(config.lr());
            weightDecays[i] = g.weightDecay().orElse(config.weightDecay());
        }
        lrs = initialLrs.clone();
        this.momentumName = momentumName;
        initialMomenta = new double[n];
        Arrays.fill(initialMomenta, momentumName == null ? 0 : momentum);
        momenta = initialMomenta.clone();
    }

    /**
     * The new value of one parameter. Called under no-grad inside a scope that frees every temporary; the state has
     * already been advanced, so {@code state.step()} counts this update.
     */
    protected abstract <T extends FloatTensor<T, ?, ?>> T update(T param, T grad, Hyper hyper, ParamState state);

    /** One update of every trainable parameter of {@code module} that has a gradient in {@code grads}. */
    public final void step(Module module, ParamGrads grads) {
        try (NoGrad ignored = NoGrad.enter()) {
            for (Map.Entry<String, Param<?>> e : module.namedParameters().entrySet()) {
                stepParam(e.getKey(), e.getValue(), grads);
            }
        }
    }

    /** One update from the gradients of a backward pass ({@code grads} stays open; close it as usual). */
    public final void step(Module module, Grads grads) {
        try (ParamGrads byName = ParamGrads.from(module, grads)) {
            step(module, byName);
        }
    }

    private <T extends FloatTensor<T, ?, ?>> void stepParam(String name, Param<T> param, ParamGrads grads) {
        if (!param.isTrainable()) {
            return;
        }
        Optional<T> grad = grads.find(name, param.value());
        if (grad.isEmpty()) {
            return;
        }
        int group = groupOf(name);
        ParamState state = states.computeIfAbsent(name, k -> new ParamState());
        state.advance();
        try (TensorScope scope = TensorScope.open()) {
            T next = update(param.value(), grad.get(), new Hyper(lrs[group], weightDecays[group], momenta[group]), state);
            param.set(scope.keep(next));
        }
    }

    /** The group of parameter {@code name}: the first selecting group, else the default group 0. */
    public final int groupOf(String name) {
        return groupOfName.computeIfAbsent(name, n -> {
            for (int i = 0; i < selectors.size(); i++) {
                if (selectors.get(i).selects(n)) {
                    return i + 1;
                }
            }
            return 0;
        });
    }

    /** The number of groups, the default one included. */
    public final int groupCount() {
        return lrs.length;
    }

    /** The current learning rate of {@code group}. */
    public final double lr(int group) {
        return lrs[group];
    }

    /** The learning rate {@code group} was configured with (schedulers start from it, as PyTorch's {@code initial_lr}). */
    public final double initialLr(int group) {
        return initialLrs[group];
    }

    public final void setLr(int group, double lr) {
        lrs[group] = Hyper.nonNegative("lr", lr);
    }

    /**
     * Whether the groups have a momentum that schedulers may change: SGD and RMSprop ({@code momentum}), Adam and AdamW
     * ({@code beta1}); not Adagrad.
     */
    public final boolean hasMomentum() {
        return momentumName != null;
    }

    /** The current momentum of {@code group} (SGD's and RMSprop's {@code momentum}, Adam's and AdamW's {@code beta1}). */
    public final double momentum(int group) {
        requireMomentum("momentum");
        return momenta[group];
    }

    /**
     * Sets the momentum of {@code group}: {@code >= 0} for {@code momentum}, in {@code [0, 1)} for {@code beta1}. An SGD or
     * RMSprop group given a momentum > 0 starts keeping a momentum buffer, as in PyTorch.
     */
    public final void setMomentum(int group, double momentum) {
        requireMomentum("setMomentum");
        momenta[group] = checkedMomentum(momentum);
    }

    private double checkedMomentum(double momentum) {
        return momentumName.equals("beta1") ? Hyper.inUnitInterval(momentumName, momentum) : Hyper.nonNegative(momentumName, momentum);
    }

    private void requireMomentum(String op) {
        if (momentumName == null) {
            throw new UnsupportedOperationException(op + ": " + getClass().getSimpleName()
                    + " has no momentum (SGD, RMSprop, Adam and AdamW have one)");
        }
    }

    /** The weight decay of {@code group}. */
    public final double weightDecay(int group) {
        return weightDecays[group];
    }

    /** The state of parameter {@code name}, if it has been updated (or imported). */
    public final Optional<ParamState> state(String name) {
        return Optional.ofNullable(states.get(name));
    }

    /** A host copy of the whole state: group learning rates and momenta, per-parameter step counters and tensors. */
    public final OptimizerState exportState() {
        List<Double> groupLrs = new ArrayList<>();
        List<Double> groupMomenta = new ArrayList<>();
        for (int i = 0; i < lrs.length; i++) {
            groupLrs.add(lrs[i]);
            if (hasMomentum()) {
                groupMomenta.add(momenta[i]);
            }
        }
        Map<String, OptimizerState.ParamData> params = new LinkedHashMap<>();
        states.forEach((name, s) -> params.put(name, s.export()));
        return new OptimizerState(groupLrs, groupMomenta, params);
    }

    /**
     * Replaces the whole state by {@code state}; tensors are uploaded on each parameter's next update. A state without
     * group momenta (saved before they were recorded, or by an optimizer without one) leaves the configured momenta.
     */
    public final void importState(OptimizerState state) {
        if (state.groupLrs().size() != lrs.length) {
            throw new IllegalArgumentException("the state has " + state.groupLrs().size() + " parameter groups, this optimizer " + lrs.length);
        }
        List<Double> groupMomenta = state.groupMomenta();
        if (!groupMomenta.isEmpty() && (!hasMomentum() || groupMomenta.size() != lrs.length)) {
            throw new IllegalArgumentException("the state has " + groupMomenta.size() + " group momenta, this " + getClass().getSimpleName()
                    + (hasMomentum() ? " has " + lrs.length + " groups" : " has no momentum"));
        }
        // Every value is checked before anything changes.
        double[] newLrs = new double[lrs.length];
        double[] newMomenta = initialMomenta.clone();
        for (int i = 0; i < lrs.length; i++) {
            newLrs[i] = Hyper.nonNegative("lr", state.groupLrs().get(i));
            if (!groupMomenta.isEmpty()) {
                newMomenta[i] = checkedMomentum(groupMomenta.get(i));
            }
        }
        System.arraycopy(newLrs, 0, lrs, 0, lrs.length);
        System.arraycopy(newMomenta, 0, momenta, 0, momenta.length);
        close();
        state.params().forEach((name, data) -> states.put(name, new ParamState(data)));
    }

    /** Frees the state tensors. */
    @Override
    public final void close() {
        states.values().forEach(ParamState::close);
        states.clear();
    }
}
