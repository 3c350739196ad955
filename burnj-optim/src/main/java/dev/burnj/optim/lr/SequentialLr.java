package dev.burnj.optim.lr;

import java.util.Arrays;
import java.util.List;

/**
 * PyTorch's {@code SequentialLR}: schedule {@code i} runs from milestone {@code i - 1} to milestone {@code i}, counting its
 * own steps from 0 at its start (e.g. linear warm-up for 5 steps, then cosine annealing).
 */
public final class SequentialLr extends StepScheduler {
    private final List<StepScheduler> schedulers;
    private final long[] milestones;

    private SequentialLr(List<StepScheduler> schedulers, long[] milestones) {
        if (schedulers.isEmpty() || milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("SequentialLr needs one milestone fewer than schedulers, got " + schedulers.size() + " schedulers and "
                    + milestones.length + " milestones");
        }
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] < milestones[i - 1]) {
                throw new IllegalArgumentException("milestones must be increasing: " + Arrays.toString(milestones));
            }
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
    }

    /** {@code schedulers.get(i)} from {@code milestones[i - 1]} (0 for the first) on. */
    public static SequentialLr of(List<StepScheduler> schedulers, long... milestones) {
        return new SequentialLr(schedulers, milestones);
    }

    @Override
    public double lrAt(long step, double initialLr) {
        int i = 0;
        while (i < milestones.length && step >= milestones[i]) {
            i++;
        }
        long start = i == 0 ? 0 : milestones[i - 1];
        return schedulers.get(i).lrAt(step - start, initialLr);
    }
}
