package dev.burnj.optim;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parameter group: the parameters whose hierarchical names a predicate selects, with their own learning rate and/or
 * weight decay (unset values come from the optimizer config). A parameter belongs to the first group that selects it,
 * else to the default group. Immutable: {@code ParamGroup.matching(".*(bias|norm.*weight)").withWeightDecay(0)}.
 */
public final class ParamGroup {
    private final String description;
    private final Predicate<String> selector;
    private final OptionalDouble lr;
    private final OptionalDouble weightDecay;

    private ParamGroup(String description, Predicate<String> selector, OptionalDouble lr, OptionalDouble weightDecay) {
        this.description = description;
        this.selector = selector;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    /** The parameters whose whole name matches {@code regex}. */
    public static ParamGroup matching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new ParamGroup("matching " + regex, name -> pattern.matcher(name).matches(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** The parameters whose name satisfies {@code selector}. */
    public static ParamGroup where(Predicate<String> selector) {
        return new ParamGroup("selected by predicate", Objects.requireNonNull(selector), OptionalDouble.empty(), OptionalDouble.empty());
    }

    public ParamGroup withLr(double newLr) {
        return new ParamGroup(description, selector, OptionalDouble.of(Hyper.nonNegative("lr", newLr)), weightDecay);
    }

    public ParamGroup withWeightDecay(double newWeightDecay) {
        return new ParamGroup(description, selector, lr, OptionalDouble.of(Hyper.nonNegative("weight decay", newWeightDecay)));
    }

    public boolean selects(String parameterName) {
        return selector.test(parameterName);
    }

    OptionalDouble lr() {
        return lr;
    }

    OptionalDouble weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "ParamGroup[" + description + (lr.isPresent() ? ", lr=" + lr.getAsDouble() : "")
                + (weightDecay.isPresent() ? ", weightDecay=" + weightDecay.getAsDouble() : "") + "]";
    }
}
