package dev.burnj.optim.lr;

import dev.burnj.optim.Optimizer;
import java.util.Map;

/**
 * A schedule that is a closed-form function of a step counter (PyTorch's {@code last_epoch}), advanced by one per
 * {@link #step()} call — per epoch or per batch, as the caller decides.
 */
public abstract class StepScheduler implements LrScheduler {
    private long step;

    /** The learning rate after {@code step} steps for a group starting at {@code initialLr}. */
    public abstract double lrAt(long step, double initialLr);

    @Override
    public final double lr(double initialLr) {
        return lrAt(step, initialLr);
    }

    /** Advances one step. */
    public final void step() {
        step++;
    }

    /** Advances one step and applies the new learning rates to {@code optimizer}. */
    public final void step(Optimizer optimizer) {
        step();
        applyTo(optimizer);
    }

    /** The number of steps taken. */
    public final long stepCount() {
        return step;
    }

    @Override
    public final Map<String, Object> state() {
        return Map.of("step", step);
    }

    @Override
    public final void loadState(Map<String, Object> state) {
        Object s = state.get("step");
        if (!(s instanceof Number n)) {
            throw new IllegalArgumentException("scheduler state needs a numeric 'step', got " + state);
        }
        step = n.longValue();
    }

    static void checkPositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
