package dev.burnj.optim.lr;

/**
 * PyTorch's {@code LinearLR}, the usual linear warm-up: the factor goes linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} steps, then stays: {@code lr * (start + (end - start) * min(step, total) / total)}.
 */
public final class LinearLr extends StepScheduler {
    private final double startFactor;
    private final double endFactor;
    private final long totalIters;

    private LinearLr(double startFactor, double endFactor, long totalIters) {
        if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("factors must be in (0, 1] and [0, 1], got " + startFactor + " and " + endFactor);
        }
        checkPositive("totalIters", totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
    }

    public static LinearLr of(double startFactor, double endFactor, long totalIters) {
        return new LinearLr(startFactor, endFactor, totalIters);
    }

    /** Warm-up from {@code startFactor * lr} to {@code lr} over {@code totalIters} steps. */
    public static LinearLr warmUp(double startFactor, long totalIters) {
        return new LinearLr(startFactor, 1.0, totalIters);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        return initialLr * (startFactor + (endFactor - startFactor) * Math.min(step, totalIters) / totalIters);
    }
}
