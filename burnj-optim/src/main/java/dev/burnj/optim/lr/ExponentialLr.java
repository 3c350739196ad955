package dev.burnj.optim.lr;

/** PyTorch's {@code ExponentialLR}: {@code lr * gamma^step}. */
public final class ExponentialLr extends StepScheduler {
    private final double gamma;

    private ExponentialLr(double gamma) {
        this.gamma = gamma;
    }

    public static ExponentialLr of(double gamma) {
        return new ExponentialLr(gamma);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        return initialLr * Math.pow(gamma, step);
    }
}
