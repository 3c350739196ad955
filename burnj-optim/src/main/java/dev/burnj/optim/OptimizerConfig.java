package dev.burnj.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every optimizer config has: learning rate, weight decay and parameter groups. Configs are immutable; each
 * {@code with...} returns a copy, and {@link #init()} makes a fresh optimizer.
 *
 * @param <C> the concrete config class
 */
public abstract class OptimizerConfig<C extends OptimizerConfig<C>> {
    private final double lr;
    private final double weightDecay;
    private final List<ParamGroup> groups;

    OptimizerConfig(double lr, double weightDecay, List<ParamGroup> groups) {
        this.lr = Hyper.nonNegative("lr", lr);
        this.weightDecay = Hyper.nonNegative("weight decay", weightDecay);
        this.groups = List.copyOf(groups);
    }

    /** A copy with other common settings and the same algorithm settings. */
    abstract C withCommon(double newLr, double newWeightDecay, List<ParamGroup> newGroups);

    /** A new optimizer with empty state. */
    public abstract Optimizer init();

    public final double lr() {
        return lr;
    }

    public final double weightDecay() {
        return weightDecay;
    }

    /** The extra parameter groups, in priority order (group {@code i + 1} of the optimizer). */
    public final List<ParamGroup> groups() {
        return groups;
    }

    public final C withLr(double newLr) {
        return withCommon(newLr, weightDecay, groups);
    }

    public final C withWeightDecay(double newWeightDecay) {
        return withCommon(lr, newWeightDecay, groups);
    }

    /** Adds a parameter group after the existing ones. */
    public final C withGroup(ParamGroup group) {
        List<ParamGroup> next = new ArrayList<>(groups);
        next.add(Objects.requireNonNull(group));
        return withCommon(lr, weightDecay, next);
    }
}
