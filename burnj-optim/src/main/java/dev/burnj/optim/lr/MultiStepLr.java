package dev.burnj.optim.lr;

import java.util.Arrays;

/** PyTorch's {@code MultiStepLR}: {@code lr * gamma^(number of milestones <= step)}; a repeated milestone counts twice. */
public final class MultiStepLr extends StepScheduler {
    private final long[] milestones;
    private final double gamma;

    private MultiStepLr(long[] milestones, double gamma) {
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        this.gamma = gamma;
    }

    public static MultiStepLr of(double gamma, long... milestones) {
        return new MultiStepLr(milestones, gamma);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        int passed = 0;
        for (long m : milestones) {
            if (m <= step) {
                passed++;
            }
        }
        return initialLr * Math.pow(gamma, passed);
    }
}
