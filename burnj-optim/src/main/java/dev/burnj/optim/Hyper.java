package dev.burnj.optim;

/**
 * The hyperparameters of a group as an update sees them: the group's current learning rate, weight decay and
 * momentum.
 *
 * @param lr the learning rate
 * @param weightDecay the weight decay (L2 or decoupled, as the optimizer defines)
 * @param momentum the group's momentum ({@link Optimizer#momentum(int)}: SGD's and RMSprop's {@code momentum}, Adam's
 *     and AdamW's {@code beta1}); 0 for an optimizer without one
 */
public record Hyper(double lr, double weightDecay, double momentum) {
    static double nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    static double inUnitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
