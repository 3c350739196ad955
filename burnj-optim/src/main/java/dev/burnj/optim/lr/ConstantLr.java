package dev.burnj.optim.lr;

/** PyTorch's {@code ConstantLR}: {@code lr * factor} for the first {@code totalIters} steps, then {@code lr}; factor 1 keeps lr constant. */
public final class ConstantLr extends StepScheduler {
    private final double factor;
    private final long totalIters;

    private ConstantLr(double factor, long totalIters) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
        }
        this.factor = factor;
        this.totalIters = totalIters;
    }

    public static ConstantLr of(double factor, long totalIters) {
        return new ConstantLr(factor, totalIters);
    }

    /** The initial learning rate forever. */
    public static ConstantLr constant() {
        return new ConstantLr(1.0, 0);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        return step < totalIters ? initialLr * factor : initialLr;
    }
}
