package dev.burnj.optim.lr;

/** PyTorch's {@code StepLR}: {@code lr * gamma^floor(step / stepSize)}. */
public final class StepLr extends StepScheduler {
    private final long stepSize;
    private final double gamma;

    private StepLr(long stepSize, double gamma) {
        checkPositive("stepSize", stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    public static StepLr of(long stepSize, double gamma) {
        return new StepLr(stepSize, gamma);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        return initialLr * Math.pow(gamma, step / stepSize);
    }
}
