package dev.burnj.train;

/** What the Learner does when a training loss is NaN or infinite. */
public enum NonFiniteLossPolicy {
    /** Stop with {@link NonFiniteLossException}, naming the step and the last good checkpoint (the default). */
    STOP,
    /** Skip the optimizer step for that batch (its gradients are discarded) and go on; the skip is counted. */
    SKIP_STEP
}
