package dev.burnj.optim.lr;

import dev.burnj.optim.Optimizer;
import java.util.Map;

/**
 * A learning-rate schedule. It maps each group's initial learning rate to the current one; {@link #applyTo} writes
 * that into an optimizer. As PyTorch's schedulers set the lr on construction, call {@code applyTo} once before the
 * first optimizer step, then after each {@code step}. State is plain JSON-able data (numbers, null) for exact resume.
 */
public interface LrScheduler {
    /** The current learning rate of a group whose initial learning rate is {@code initialLr}. */
    double lr(double initialLr);

    /** Sets every group's learning rate of {@code optimizer} from its initial one. */
    default void applyTo(Optimizer optimizer) {
        for (int g = 0; g < optimizer.groupCount(); g++) {
            optimizer.setLr(g, lr(optimizer.initialLr(g)));
        }
    }

    /** The mutable state as JSON-able values. */
    Map<String, Object> state();

    /** Restores a state produced by {@link #state()}. */
    void loadState(Map<String, Object> state);
}
