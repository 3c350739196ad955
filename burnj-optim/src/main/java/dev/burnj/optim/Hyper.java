package dev.burnj.optim;

/**
 * The hyperparameters every group has, as an update sees them: the group's current learning rate and weight decay.
 *
 * @param lr the learning rate
 * @param weightDecay the weight decay (L2 or decoupled, as the optimizer defines)
 */
public record Hyper(double lr, double weightDecay) {
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
