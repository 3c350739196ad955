package dev.burnj.train;

/** Whether a monitored metric improves by going down (a loss) or up (an accuracy). */
public enum Goal {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code candidate} is strictly better than {@code reference}; NaN is never better. */
    public boolean isBetter(double candidate, double reference) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(reference)) {
            return true;
        }
        return this == MINIMIZE ? candidate < reference : candidate > reference;
    }
}
